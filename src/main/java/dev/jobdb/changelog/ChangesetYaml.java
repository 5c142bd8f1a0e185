package dev.jobdb.changelog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The changeset that makes job_queue.status follow a {@link StatusChange}, as Liquibase YAML laid
 * out like jobdb's own 003: precondition that adopts it where the database already has it, the
 * change through jobdb's custom change, its rollback to the previous set.
 */
final class ChangesetYaml {
  static final String TABLE = "job_queue";
  static final String COLUMN = "status";
  static final String CONSTRAINT = "job_queue_status_check";
  private static final String CHANGES = "dev.jobdb.migrate.changes.";

  private ChangesetYaml() {}

  /** The whole file: a comment line, then one changeset. */
  static String file(String id, String logicalFilePath, StatusChange change, String enumClass) {
    Map<String, Object> changeSet = map(
        "id", id,
        "author", "jobdb",
        "comment", "job_queue.status follows " + enumClass + ": " + change.summary(),
        "preConditions", preconditions(change),
        "changes", List.of(change(change.next(), change.orderedRenames())),
        "rollback", List.of(change(change.previous(), swapped(change.orderedRenames()))));
    List<Object> entries = new ArrayList<>();
    if (logicalFilePath != null) {
      entries.add(map("logicalFilePath", logicalFilePath));
    }
    entries.add(map("changeSet", changeSet));
    return "# Written by jobdb migrate diff; apply it with jobdb migrate up, undo it with jobdb"
        + " rollback.\n" + dump(map("databaseChangeLog", entries));
  }

  /** The entry appended to master.yaml, indented as a list item of databaseChangeLog. */
  static String include(String fileName) {
    return dump(List.of(map("include", map("file", fileName, "relativeToChangelogFile", true))));
  }

  private static List<Object> preconditions(StatusChange change) {
    List<String> mustReject = new ArrayList<>(change.removed());
    mustReject.addAll(change.orderedRenames().keySet());
    List<String> mustAccept = new ArrayList<>(change.added());
    mustAccept.addAll(change.orderedRenames().values());
    List<Object> checks = new ArrayList<>();
    if (!mustAccept.isEmpty()) {
      checks.add(precondition("StatusCheckRejectsAny", change.next()));
    }
    if (!mustReject.isEmpty()) {
      checks.add(precondition("StatusCheckAcceptsAny", mustReject));
    }
    List<String> already = new ArrayList<>();
    if (!mustAccept.isEmpty()) {
      already.add("accepts " + String.join(", ", mustAccept));
    }
    if (!mustReject.isEmpty()) {
      already.add("rejects " + String.join(", ", mustReject));
    }
    String adopted = TABLE + "." + COLUMN + " already " + String.join(" and ", already)
        + ": adopted";
    List<Object> pre = new ArrayList<>(List.of(map("onFail", "MARK_RAN"),
        map("onFailMessage", adopted)));
    pre.add(checks.size() == 1 ? checks.get(0) : map("or", checks));
    return pre;
  }

  private static Map<String, Object> precondition(String className, List<String> values) {
    return map("customPrecondition", map(
        "className", CHANGES + className,
        "params", List.of(param("tableName", TABLE), param("columnName", COLUMN),
            param("values", String.join(",", values)))));
  }

  private static Map<String, Object> param(String name, String value) {
    return map("param", map("name", name, "value", value));
  }

  private static Map<String, Object> change(List<String> allowed, Map<String, String> renames) {
    Map<String, Object> custom = new LinkedHashMap<>();
    custom.put("class", CHANGES + (renames.isEmpty() ? "ChangeStatusConstraint" : "RenameStatus"));
    custom.put("tableName", TABLE);
    custom.put("columnName", COLUMN);
    custom.put("constraintName", CONSTRAINT);
    if (!renames.isEmpty()) {
      custom.put("renames", String.join(",", renames.entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
    custom.put("allowedValues", String.join(",", allowed));
    return map("customChange", custom);
  }

  private static Map<String, String> swapped(Map<String, String> renames) {
    Map<String, String> swapped = new LinkedHashMap<>();
    renames.forEach((from, to) -> swapped.put(to, from));
    return swapped;
  }

  private static String dump(Object document) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setSplitLines(false);
    return new Yaml(options).dump(document);
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
