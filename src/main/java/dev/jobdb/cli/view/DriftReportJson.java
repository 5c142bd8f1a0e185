package dev.jobdb.cli.view;

import dev.jobdb.config.StatusEnum;
import dev.jobdb.schema.DriftReport;
import dev.jobdb.schema.Finding;
import dev.jobdb.schema.parse.StatusCheck;
import dev.jobdb.schema.StatusCount;
import dev.jobdb.config.DatabaseTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON view of a {@link DriftReport}. Field names are spelled out here, not derived from the
 * Java records, so renaming code never changes them; docs/json.md documents each one.
 */
public final class DriftReportJson {
  private DriftReportJson() {}

  /** The report, its database named as {@link ErrorReport#database(DatabaseTarget)} does. */
  public static Map<String, Object> of(DriftReport report, DatabaseTarget target) {
    Map<String, Object> json = of(report);
    json.put("database", ErrorReport.database(target));
    return json;
  }

  public static Map<String, Object> of(DriftReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> database = new LinkedHashMap<>();
    if (report.database() != null) { // null for a server: the caller names it
      database.put("path", report.database().path().toString());
      database.put("source", lower(report.database().source()));
      database.put("origin", report.database().origin());
      database.put("warnings", report.database().warnings());
    }
    json.put("database", database);
    json.put("enum", statusEnum(report.statusEnum()));
    json.put("verdict", report.inSync() ? "in_sync" : "drift");
    json.put("inSync", report.inSync());
    json.put("summary", report.summary());
    json.put("findings", report.findings().stream().map(DriftReportJson::finding).toList());
    json.put("table", report.table());
    json.put("columnCount", report.columnCount());
    json.put("constraint", constraint(report));
    json.put("rejectedStatuses", report.rejectedStatuses());
    json.put("unverifiableStatuses", report.unverifiableStatuses());
    json.put("extraAllowedStatuses", report.extraAllowedStatuses());
    json.put(
        "unknownStatusRows",
        report.unknownStatusRows().stream().map(DriftReportJson::count).toList());
    json.put("missingColumns", report.missingColumns());
    json.put("missingIndexes", report.missingIndexes());
    Map<String, Long> counts = new LinkedHashMap<>();
    for (StatusCount c : report.jobCountsByStatus()) {
      if (c.status() != null) {
        counts.put(c.status(), c.count());
      }
    }
    json.put("jobCountsByStatus", counts);
    json.put("totalJobs", report.totalJobs());
    return json;
  }

  /** {@code enum: {source, path, className, values, origin}}; path null for the built-in copy. */
  static Map<String, Object> statusEnum(StatusEnum statusEnum) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("source", lower(statusEnum.source()));
    json.put("path", statusEnum.path() == null ? null : statusEnum.path().toString());
    json.put("className", statusEnum.className());
    json.put("values", statusEnum.values());
    json.put("origin", statusEnum.origin());
    return json;
  }

  private static Map<String, Object> finding(Finding f) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("severity", lower(f.severity()));
    json.put("kind", lower(f.kind()));
    json.put("message", f.message());
    return json;
  }

  private static Map<String, Object> constraint(DriftReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("state", lower(report.constraint().state()));
    json.put("allowedValues", report.constraint().allowedValues());
    List<Map<String, Object>> checks =
        report.constraint().checks().stream().map(DriftReportJson::check).toList();
    json.put("checks", checks);
    return json;
  }

  private static Map<String, Object> check(StatusCheck check) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", check.constraintName());
    json.put("level", check.columnLevel() ? "column" : "table");
    json.put("form", lower(check.form()));
    json.put("allowedValues", check.allowedValues());
    json.put("expression", check.expression());
    return json;
  }

  private static Map<String, Object> count(StatusCount c) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", c.status());
    json.put("count", c.count());
    return json;
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
