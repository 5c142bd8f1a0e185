package dev.jobdb.schema;

import dev.jobdb.schema.parse.CreateTable;
import dev.jobdb.schema.parse.CreateTableParser;
import dev.jobdb.schema.parse.SqlParseException;
import dev.jobdb.schema.parse.StatusCheck;

import dev.jobdb.db.SqlQuoting;
import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.config.StatusEnum;
import dev.jobdb.db.Sqlite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads job_queue's schema and status counts from a database opened read-only and compares them
 * with what the app's code needs (its {@link StatusEnum}, {@link JobQueueSchema}). Plain JDBC and the
 * CREATE TABLE parser only: no Liquibase, so it stays fast enough to run often.
 */
public final class SchemaInspector {
  private final Duration busyTimeout;
  private final DamageCheck damageCheck;

  public SchemaInspector(Duration busyTimeout) {
    this(busyTimeout, DamageCheck.FAST);
  }

  public SchemaInspector(Duration busyTimeout, DamageCheck damageCheck) {
    this.busyTimeout = busyTimeout;
    this.damageCheck = damageCheck;
  }

  /**
   * @throws JobdbException {@link ExitCode#DATABASE_UNUSABLE} when the file is missing, not SQLite,
   *     corrupt, locked, or has no job_queue table
   */
  public DriftReport inspect(DatabaseLocation location, StatusEnum statusEnum) {
    try (Connection connection = Sqlite.openReadOnly(location, busyTimeout)) {
      return inspect(location, statusEnum, connection);
    } catch (SQLException e) {
      throw Sqlite.unusable(location, e);
    }
  }

  private DriftReport inspect(DatabaseLocation location, StatusEnum statusEnum, Connection c)
      throws SQLException {
    StoredTable stored = storedTable(location, c);
    requireIntact(location, c, stored.name(), damageCheck);
    CreateTable table = parse(location, stored);
    List<String> columns = columnNames(c, stored.name());
    List<String> missingColumns =
        JobQueueSchema.REQUIRED_COLUMNS.stream()
            .filter(required -> columns.stream().noneMatch(required::equalsIgnoreCase))
            .toList();
    List<String> indexes = indexNames(c, stored.name());
    List<String> missingIndexes =
        JobQueueSchema.EXPECTED_INDEXES.stream()
            .filter(expected -> indexes.stream().noneMatch(expected::equalsIgnoreCase))
            .toList();

    String statusColumn =
        columns.stream()
            .filter(JobQueueSchema.STATUS_COLUMN::equalsIgnoreCase)
            .findFirst()
            .orElse(null);
    List<StatusCheck> checks =
        statusColumn == null ? List.of() : table.checksOn(JobQueueSchema.STATUS_COLUMN);
    StatusConstraintReader.Result constraint =
        StatusConstraintReader.read(
            checks, new CheckEvaluator(c, stored.name(), JobQueueSchema.STATUS_COLUMN),
            statusEnum.values());

    Map<String, Long> counts =
        statusColumn == null
            ? new LinkedHashMap<>()
            : countByStatus(c, stored.name(), statusColumn);
    long total = statusColumn == null ? countRows(c, stored.name()) : sum(counts);
    return new DriftReport(
        location,
        statusEnum,
        stored.name(),
        stored.sql(),
        columns.size(),
        constraint.constraint(),
        constraint.rejected(),
        constraint.unverifiable(),
        constraint.extraAllowed(),
        unknownStatusRows(counts, statusEnum.values()),
        missingColumns,
        missingIndexes,
        jobCounts(counts, statusEnum.values()),
        total);
  }

  private record StoredTable(String name, String type, String sql) {}

  private static StoredTable storedTable(DatabaseLocation location, Connection c)
      throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name, type, sql FROM sqlite_schema WHERE type IN ('table', 'view')"
                    + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
      while (rs.next()) {
        String name = rs.getString(1);
        if (name.equalsIgnoreCase(JobQueueSchema.TABLE)) {
          StoredTable found = new StoredTable(name, rs.getString(2), rs.getString(3));
          if (!found.type().equals("table")) {
            throw new JobdbException(
                ExitCode.DATABASE_UNUSABLE,
                "job_queue is a "
                    + found.type()
                    + ", not a table, in "
                    + location.describe()
                    + ": this is not the app's database; check --db or DB_PATH");
          }
          return found;
        }
        tables.add(name);
      }
    }
    String seen =
        tables.isEmpty()
            ? "it has no tables"
            : "its tables: "
                + String.join(", ", tables.subList(0, Math.min(tables.size(), 10)))
                + (tables.size() > 10 ? ", ..." : "");
    throw new JobdbException(
        ExitCode.DATABASE_UNUSABLE,
        "no job_queue table in "
            + location.describe()
            + " ("
            + seen
            + "): this is not the app's database; point --db or DB_PATH at the app's file");
  }

  /**
   * The counts below come from the status index alone, so a damaged table could go unseen. FAST
   * reads the table's first and last pages (a truncated or overwritten b-tree edge fails there);
   * FULL runs quick_check over job_queue and its indexes (reads them whole: 1-2 s a million rows).
   * The file header and the schema were checked when the database was opened.
   */
  private static void requireIntact(
      DatabaseLocation location, Connection c, String table, DamageCheck check)
      throws SQLException {
    if (check == DamageCheck.FAST) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT min(rowid) FROM " + SqlQuoting.identifier(table)
              + " UNION ALL SELECT max(rowid) FROM " + SqlQuoting.identifier(table))) {
        while (rs.next()) {
          rs.getLong(1);
        }
      } catch (SQLException e) {
        if (e.getMessage() != null && e.getMessage().contains("no such column: rowid")) {
          return; // a WITHOUT ROWID table: its pages are read by the counts below
        }
        throw e;
      }
      return;
    }
    String firstProblem;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA quick_check(" + SqlQuoting.literal(table) + ")")) {
      rs.next();
      firstProblem = rs.getString(1);
    }
    if (!"ok".equals(firstProblem)) {
      throw new JobdbException(
          ExitCode.DATABASE_UNUSABLE,
          "database is corrupt: "
              + location.describe()
              + " (quick_check of "
              + table
              + ": "
              + firstLine(firstProblem)
              + "): restore it from a backup");
    }
  }

  /** quick_check's first row may hold a header and many problems, one per line. */
  private static String firstLine(String problems) {
    List<String> lines =
        problems.lines().map(String::strip).filter(l -> !l.startsWith("***")).toList();
    if (lines.isEmpty()) {
      return problems.strip();
    }
    return lines.get(0) + (lines.size() > 1 ? " (and " + (lines.size() - 1) + " more)" : "");
  }

  private static CreateTable parse(DatabaseLocation location, StoredTable stored) {
    try {
      return CreateTableParser.parse(stored.sql());
    } catch (SqlParseException e) {
      throw new JobdbException(
          ExitCode.DATABASE_UNUSABLE,
          "cannot read job_queue's CREATE TABLE in "
              + location.describe()
              + ": "
              + e.getMessage()
              + ": please report it with the output of: sqlite3 FILE '.schema job_queue'",
          e);
    }
  }

  private static List<String> columnNames(Connection c, String table) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA table_xinfo(" + SqlQuoting.identifier(table) + ")")) {
      while (rs.next()) {
        names.add(rs.getString("name"));
      }
    }
    return names;
  }

  private static List<String> indexNames(Connection c, String table) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? COLLATE"
                + " NOCASE")) {
      q.setString(1, table);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  /** Stored status → rows; NULL statuses under the key null. */
  private static Map<String, Long> countByStatus(Connection c, String table, String column)
      throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    String sql =
        "SELECT "
            + SqlQuoting.identifier(column)
            + ", count(*) FROM "
            + SqlQuoting.identifier(table)
            + " GROUP BY 1";
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        counts.merge(rs.getString(1), rs.getLong(2), Long::sum);
      }
    }
    return counts;
  }

  private static long countRows(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + SqlQuoting.identifier(table))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private static List<StatusCount> unknownStatusRows(
      Map<String, Long> counts, List<String> enumValues) {
    List<StatusCount> unknown = new ArrayList<>();
    if (counts.containsKey(null)) {
      unknown.add(new StatusCount(null, counts.get(null)));
    }
    new TreeMap<>(withoutNull(counts))
        .forEach(
            (status, n) -> {
              if (!enumValues.contains(status)) {
                unknown.add(new StatusCount(status, n));
              }
            });
    return unknown;
  }

  /** Every enum value in enum order (zero included), then stored values the enum lacks. */
  private static List<StatusCount> jobCounts(Map<String, Long> counts, List<String> enumValues) {
    List<StatusCount> result = new ArrayList<>();
    for (String status : enumValues) {
      result.add(new StatusCount(status, counts.getOrDefault(status, 0L)));
    }
    result.addAll(unknownStatusRows(counts, enumValues));
    return result;
  }

  private static Map<String, Long> withoutNull(Map<String, Long> counts) {
    Map<String, Long> copy = new LinkedHashMap<>(counts);
    copy.remove(null);
    return copy;
  }
}
