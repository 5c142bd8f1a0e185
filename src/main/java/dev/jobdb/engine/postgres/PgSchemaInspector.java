package dev.jobdb.engine.postgres;

import dev.jobdb.config.DatabaseUrl;
import dev.jobdb.config.StatusEnum;
import dev.jobdb.schema.DriftReport;
import dev.jobdb.schema.JobQueueSchema;
import dev.jobdb.schema.parse.StatusCheck;
import dev.jobdb.schema.StatusConstraint;
import dev.jobdb.schema.StatusCount;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * verify-schema on PostgreSQL: reads job_queue through the catalogs and counts its rows by status
 * in one read-only REPEATABLE READ transaction, and judges it against the app's status enum as on
 * SQLite. A native enum type counts as an exact list of allowed values (its labels in sort order).
 */
public final class PgSchemaInspector {
  /** How a native enum type is named in the report's constraint list. */
  public static final String ENUM_MARK = " (native enum type)";

  /** @param statusEnum the app's status enum */
  public DriftReport inspect(DatabaseUrl url, StatusEnum statusEnum) {
    try (Connection c = Postgres.open(url, "verify-schema")) {
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      c.setAutoCommit(false);
      try {
        return inspect(c, url, statusEnum);
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw Postgres.unusable(url, e);
    }
  }

  private DriftReport inspect(Connection c, DatabaseUrl url, StatusEnum statusEnum)
      throws SQLException {
    List<String> statuses = statusEnum.values();
    PgStatusColumn table = PgCatalog.read(c, url);
    List<String> missingColumns = JobQueueSchema.REQUIRED_COLUMNS.stream()
        .filter(required -> !table.columns().contains(required)).toList();
    List<String> missingIndexes = JobQueueSchema.EXPECTED_INDEXES.stream()
        .filter(expected -> !table.indexes().contains(expected)).toList();
    Judgement judged = judge(c, table, statuses);
    Map<String, Long> counts = table.hasStatus() ? PgJobCounts.byStatus(c, table)
        : Map.of();
    long total = table.hasStatus() ? counts.values().stream().mapToLong(Long::longValue).sum()
        : PgJobCounts.total(c, table);
    List<StatusCount> unknown = unknownRows(counts, statuses);
    List<StatusCount> all = new ArrayList<>();
    for (String status : statuses) {
      all.add(new StatusCount(status, counts.getOrDefault(status, 0L)));
    }
    all.addAll(unknown);
    return new DriftReport(null, statusEnum, PgCatalog.TABLE, PgDefinitions.describe(table),
        table.columns().size(), judged.constraint(), judged.rejected(), judged.unverifiable(),
        judged.extra(), unknown, missingColumns, missingIndexes, all, total);
  }

  private record Judgement(StatusConstraint constraint, List<String> rejected,
      List<String> unverifiable, List<String> extra) {}

  private static Judgement judge(Connection c, PgStatusColumn table, List<String> statuses) {
    List<String> rejected = new ArrayList<>();
    List<String> unverifiable = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    List<StatusCheck> shown = new ArrayList<>();
    if (table.isEnum()) {
      shown.add(new StatusCheck(table.enumType() + ENUM_MARK, true, PgCatalog.STATUS,
          StatusCheck.Form.IN_LIST, table.enumValues(),
          "status IN (" + PgDefinitions.literals(table.enumValues()) + ")", -1, -1));
    }
    for (PgCheck check : table.checks()) {
      shown.add(new StatusCheck(check.name(), false, null,
          check.isList() ? StatusCheck.Form.IN_LIST : StatusCheck.Form.OTHER,
          check.isList() ? check.listedValues() : List.of(), check.expression(), -1, -1));
    }
    if (shown.isEmpty()) {
      return new Judgement(new StatusConstraint(StatusConstraint.State.NONE, shown, List.of()),
          rejected, unverifiable, extra);
    }
    List<String> allowed = new ArrayList<>();
    for (String status : statuses) {
      switch (verdict(c, table, status)) {
        case ALLOWED -> allowed.add(status);
        case REJECTED -> rejected.add(status);
        case UNKNOWN -> unverifiable.add(status);
      }
    }
    List<String> listed = table.isEnum() ? table.enumValues()
        : table.checks().stream().filter(PgCheck::isList).findFirst()
            .map(PgCheck::listedValues).orElse(List.of());
    for (String value : listed) {
      if (!statuses.contains(value) && !extra.contains(value)
          && verdict(c, table, value) != Verdict.REJECTED) {
        extra.add(value);
      }
    }
    boolean allLists = table.checks().stream().allMatch(PgCheck::isList);
    StatusConstraint.State state = allLists ? StatusConstraint.State.IN_LIST
        : unverifiable.isEmpty() ? StatusConstraint.State.EXPRESSION
        : StatusConstraint.State.UNREADABLE;
    List<String> allowedValues = new ArrayList<>();
    if (allLists) {
      listed.stream().filter(v -> verdict(c, table, v) == Verdict.ALLOWED).distinct()
          .forEach(allowedValues::add);
    } else {
      allowedValues.addAll(allowed);
      allowedValues.addAll(extra);
    }
    return new Judgement(new StatusConstraint(state, shown, allowedValues), rejected,
        unverifiable, extra);
  }

  private enum Verdict { ALLOWED, REJECTED, UNKNOWN }

  /** A row must fit the enum type and pass every CHECK. */
  private static Verdict verdict(Connection c, PgStatusColumn table, String value) {
    if (table.isEnum() && !table.enumValues().contains(value)) {
      return Verdict.REJECTED;
    }
    boolean unknown = false;
    for (PgCheck check : table.checks()) {
      Optional<Boolean> passes = check.isList() && !table.isEnum()
          ? Optional.of(check.listedValues().contains(value))
          : PgCatalog.allows(c, table, check, value);
      if (passes.isEmpty()) {
        unknown = true;
      } else if (!passes.get()) {
        return Verdict.REJECTED;
      }
    }
    return unknown ? Verdict.UNKNOWN : Verdict.ALLOWED;
  }

  private static List<StatusCount> unknownRows(Map<String, Long> counts, List<String> statuses) {
    List<StatusCount> unknown = new ArrayList<>();
    if (counts.containsKey(null)) {
      unknown.add(new StatusCount(null, counts.get(null)));
    }
    TreeMap<String, Long> sorted = new TreeMap<>();
    counts.forEach((status, n) -> {
      if (status != null && !statuses.contains(status)) {
        sorted.put(status, n);
      }
    });
    sorted.forEach((status, n) -> unknown.add(new StatusCount(status, n)));
    return unknown;
  }
}
