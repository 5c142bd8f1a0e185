package dev.jobdb.engine.sqlite;

import static dev.jobdb.db.SqlQuoting.literal;
import static dev.jobdb.db.SqlQuoting.quoted;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.engine.sqlite.change.StatusConstraintChanger;
import dev.jobdb.db.DistinctValues;
import dev.jobdb.db.SchemaReads;
import dev.jobdb.db.SqlRunner;
import dev.jobdb.engine.ChangeContext;
import dev.jobdb.engine.StatusChange;
import dev.jobdb.schema.RewriteRefusedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A status changeset on SQLite, inside the run's transaction: rows the new list rejects are moved
 * as --remap says (or the change refuses), then the CHECK is changed in place, or the table
 * rebuilt where it must be (see {@link StatusConstraintChanger}). Never deletes a row.
 */
final class SqliteStatusChange {
  private final Connection c;
  private final ChangeContext run;
  private String tableName;
  private String columnName;

  SqliteStatusChange(Connection c, ChangeContext run) {
    this.c = c;
    this.run = run;
  }

  void apply(StatusChange change) throws SQLException {
    tableName = change.table();
    columnName = change.column();
    if (SchemaReads.tableSql(c, tableName) == null) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE,
          "no table " + tableName + " to change: run migrate up against the app's database");
    }
    List<String> values = change.values();
    // Seeks in the status index, not a count of every row: this runs under the write lock.
    DistinctValues held = DistinctValues.of(new SqlRunner(c), tableName, columnName);
    remapOrRefuse(c, values, held, run);
    try {
      run.record(new StatusConstraintChanger(run.rebuild(), run.progress())
          .change(c, change.changeSet(), tableName, columnName, values, change.constraintName()));
    } catch (RewriteRefusedException e) {
      throw new JobdbException(ExitCode.REFUSED, "refused: " + e.getMessage()
          + ". Nothing was changed");
    }
  }

  /**
   * Rows the new constraint would reject: move them as --remap says, or refuse.
   *
   * @return true when rows were moved
   */
  private boolean remapOrRefuse(Connection c, List<String> values, DistinctValues held,
      ChangeContext run) throws SQLException {
    Map<String, Offending> offending = offending(c, Set.copyOf(values), held);
    if (offending.isEmpty()) {
      return false;
    }
    List<String> unmapped = new ArrayList<>();
    for (Offending o : offending.values()) {
      String target = run.remap().get(o.status());
      if (target == null) {
        unmapped.add(o.describe());
      } else if (!values.contains(target)) {
        throw new JobdbException(ExitCode.REFUSED,
            "--remap " + o.status() + "=" + target + " maps to a status the constraint rejects;"
                + " map to one of: " + String.join(", ", values));
      }
    }
    if (!unmapped.isEmpty()) {
      throw new JobdbException(ExitCode.REFUSED,
          "refused: " + tableName + " has rows in statuses the narrower constraint rejects: "
              + String.join("; ", unmapped) + ". Nothing was changed. Either map each with --remap "
              + suggestion(offending.keySet(), values) + ", or keep the migration");
    }
    for (Offending o : offending.values()) {
      String target = run.remap().get(o.status());
      // Literal values rather than parameters, so --dry-run prints the statement as it runs.
      try (Statement s = c.createStatement()) {
        int moved = s.executeUpdate("UPDATE " + quoted(tableName) + " SET " + quoted(columnName)
            + " = " + literal(target) + " WHERE " + quoted(columnName) + " = "
            + literal(o.status()));
        run.note("remapped " + o.status() + " -> " + target + ": " + moved
            + (moved == 1 ? " row" : " rows"));
      }
    }
    return true;
  }

  private record Offending(String status, long rows, List<Long> someIds) {
    String describe() {
      return status + " (" + rows + (rows == 1 ? " row, id " : " rows, ids ") + someIds.stream().map(String::valueOf)
          .reduce((a, b) -> a + ", " + b).orElse("") + (rows > someIds.size() ? ", ..." : "") + ")";
    }
  }

  /** The values the new constraint rejects, each with its rows counted; NULL passes any CHECK. */
  private Map<String, Offending> offending(Connection c, Set<String> allowed,
      DistinctValues held) throws SQLException {
    Map<String, Offending> found = new LinkedHashMap<>();
    for (Object value : held.values()) {
      String status = value instanceof byte[] bytes
          ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(value);
      if (!allowed.contains(status)) {
        Offending known = found.get(status);
        long rows = rows(c, value);
        found.put(status, known == null
            ? new Offending(status, rows, someIds(c, status))
            : new Offending(status, known.rows() + rows, known.someIds()));
      }
    }
    return found;
  }

  /** Rows holding exactly {@code value} (its storage class too): a range of the status index. */
  private long rows(Connection c, Object value) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + quoted(tableName)
        + " WHERE " + quoted(columnName) + " = ?")) {
      s.setObject(1, value);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private List<Long> someIds(Connection c, String status) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT rowid FROM " + quoted(tableName)
        + " WHERE " + quoted(columnName) + " = ? ORDER BY rowid LIMIT 5")) {
      s.setString(1, status);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  private static String suggestion(Set<String> offending, List<String> allowed) {
    String fallback = allowed.contains("failed") ? "failed" : allowed.get(0);
    return String.join(",", offending.stream().map(s -> s + "=" + (s.equals("retrying")
        && allowed.contains("pending") ? "pending" : fallback)).toList());
  }

}
