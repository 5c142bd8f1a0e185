package dev.jobdb.migrate.changes;

import static dev.jobdb.db.SqlQuoting.literal;
import static dev.jobdb.db.SqlQuoting.quoted;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.db.SchemaReads;
import dev.jobdb.db.SqlRunner;
import dev.jobdb.db.TableChecks;
import dev.jobdb.db.DistinctValues;
import dev.jobdb.change.StatusConstraintChanger;
import dev.jobdb.run.RunContext;
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
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;

/**
 * Liquibase custom change: makes {@code column} of {@code tableName} accept exactly
 * {@code allowedValues}: in place (no row rewritten) unless the run says {@code --rebuild} or SQLite
 * cannot, else by rebuilding the table from its live definition with only that CHECK replaced
 * (see {@link StatusConstraintChanger}). The class keeps its name, which changeset checksums
 * already recorded contain. Used for both directions: a changeset widens, its rollback
 * narrows. A narrowing never deletes a row: rows in a status the new constraint rejects are moved
 * only by an explicit {@code --remap}; otherwise the change refuses and nothing changes.
 *
 * <p>The next change to the status list is one new changeset using this class: no Java.
 */
public class RebuildStatusCheck extends AdoptionAwareChange {
  private String tableName = "job_queue";
  private String columnName = "status";
  private String allowedValues;
  private String constraintName;

  /**
   * Also when the changeset was adopted: rolling back an adopted 003 still narrows the constraint
   * the app widened (refusing over rows in the statuses it removes), or {@code status} would say
   * 003 is pending while the table accepts every status.
   */
  @Override
  void apply(Connection c, RunContext run, String changeSet, boolean adopted)
      throws SQLException {
    if (SchemaReads.tableSql(c, tableName) == null) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE,
          "no table " + tableName + " to change: run migrate up against the app's database");
    }
    List<String> values = values(run);
    // Seeks in the status index, not a count of every row: this runs under the write lock.
    DistinctValues held = DistinctValues.of(new SqlRunner(c), tableName, columnName);
    remapOrRefuse(c, values, held, run);
    run.record(new StatusConstraintChanger(run.rebuild(), run.progress())
        .change(c, changeSet, tableName, columnName, values, constraintName));
  }

  /** The changeset's allowedValues; when it gives none, the values of the enum the run follows. */
  private List<String> values(RunContext run) {
    return allowedValues == null || allowedValues.isBlank()
        ? run.statusEnum().values() : ChangeSupport.splitList(allowedValues);
  }

  /**
   * Rows the new constraint would reject: move them as --remap says, or refuse.
   *
   * @return true when rows were moved
   */
  private boolean remapOrRefuse(Connection c, List<String> values, DistinctValues held,
      RunContext run) throws SQLException {
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

  public String getTableName() { return tableName; }
  public void setTableName(String tableName) { this.tableName = tableName; }
  public String getColumnName() { return columnName; }
  public void setColumnName(String columnName) { this.columnName = columnName; }
  public String getAllowedValues() { return allowedValues; }
  public void setAllowedValues(String allowedValues) { this.allowedValues = allowedValues; }
  public String getConstraintName() { return constraintName; }
  public void setConstraintName(String constraintName) { this.constraintName = constraintName; }

  @Override
  public String getConfirmationMessage() {
    return tableName + "." + columnName + " now accepts "
        + (allowedValues == null ? "the enum's values" : allowedValues);
  }

  @Override
  public ValidationErrors validate(Database database) {
    ValidationErrors errors = new ValidationErrors();
    if (allowedValues != null && !allowedValues.isBlank()
        && ChangeSupport.splitList(allowedValues).isEmpty()) {
      errors.addError("allowedValues lists no status (comma-separated statuses, or leave it out"
          + " for the enum's values)");
    }
    if (constraintName == null || constraintName.isBlank()) {
      errors.addError("constraintName is required, so later changes can drop the constraint by name");
    }
    return errors;
  }
}
