package dev.jobdb.migrate.changes;

import static dev.jobdb.db.SqlQuoting.literal;
import static dev.jobdb.db.SqlQuoting.quoted;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.engine.LiveSchema;
import dev.jobdb.run.RunContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;

/**
 * Liquibase custom change: renames statuses of {@code columnName} ({@code renames}, e.g.
 * {@code dead_letter=dlq}) and leaves the CHECK accepting exactly {@code allowedValues}. In one
 * transaction: widen the CHECK so it accepts the new names too, move the rows, narrow to
 * {@code allowedValues}. Its rollback is the same change with the names swapped.
 */
public class RenameStatus extends AdoptionAwareChange {
  private String tableName = "job_queue";
  private String columnName = "status";
  private String constraintName;
  private String renames;
  private String allowedValues;

  /**
   * Each constraint change goes through {@link ChangeStatusConstraint}'s own entry point, so it stays
   * whatever way that change is made; a changeset that was only adopted is left alone here, as
   * moving rows without the constraint change would fail.
   */
  @Override
  void apply(Connection c, RunContext run, String changeSet, boolean adopted)
      throws SQLException {
    if (adopted) {
      run.note(changeSet + ": adopted from the app, so its rollback leaves the app's schema as"
          + " it is");
      return;
    }
    List<String> live;
    try {
      live = RunContext.current().schema(c).allowedValues(tableName, columnName).orElse(null);
    } catch (LiveSchema.MissingTable e) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE,
          "no table " + tableName + " to change: run migrate up against the app's database");
    }
    Map<String, String> moves = pairs(renames);
    if (live != null && !live.containsAll(moves.values())) {
      List<String> widened = new ArrayList<>(live);
      moves.values().stream().filter(v -> !widened.contains(v)).forEach(widened::add);
      constraint(widened).apply(c, run, changeSet, false);
    }
    move(c, moves, run);
    constraint(ChangeSupport.splitList(allowedValues)).apply(c, run, changeSet, false);
  }

  private void move(Connection c, Map<String, String> moves, RunContext run) throws SQLException {
    for (Map.Entry<String, String> move : moves.entrySet()) {
      // Literal values rather than parameters, so --dry-run prints the statement as it runs.
      try (Statement s = c.createStatement()) {
        int moved = s.executeUpdate("UPDATE " + quoted(tableName) + " SET " + quoted(columnName)
            + " = " + literal(move.getValue()) + " WHERE " + quoted(columnName) + " = "
            + literal(move.getKey()));
        run.note("renamed " + move.getKey() + " -> " + move.getValue() + ": " + moved
            + (moved == 1 ? " row" : " rows"));
      }
    }
  }

  private ChangeStatusConstraint constraint(List<String> values) {
    ChangeStatusConstraint rebuild = new ChangeStatusConstraint();
    rebuild.setTableName(tableName);
    rebuild.setColumnName(columnName);
    rebuild.setConstraintName(constraintName);
    rebuild.setAllowedValues(String.join(",", values));
    return rebuild;
  }

  /** {@code "a=b,c=d"} in order. */
  static Map<String, String> pairs(String renames) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String pair : ChangeSupport.splitList(renames == null ? "" : renames)) {
      int eq = pair.indexOf('=');
      if (eq > 0 && eq < pair.length() - 1) {
        pairs.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
      }
    }
    return pairs;
  }

  public String getTableName() { return tableName; }
  public void setTableName(String tableName) { this.tableName = tableName; }
  public String getColumnName() { return columnName; }
  public void setColumnName(String columnName) { this.columnName = columnName; }
  public String getConstraintName() { return constraintName; }
  public void setConstraintName(String constraintName) { this.constraintName = constraintName; }
  public String getRenames() { return renames; }
  public void setRenames(String renames) { this.renames = renames; }
  public String getAllowedValues() { return allowedValues; }
  public void setAllowedValues(String allowedValues) { this.allowedValues = allowedValues; }

  @Override
  public String getConfirmationMessage() {
    return tableName + "." + columnName + ": renamed " + renames + ", now accepts " + allowedValues;
  }

  @Override
  public ValidationErrors validate(Database database) {
    ValidationErrors errors = new ValidationErrors();
    if (pairs(renames).isEmpty()) {
      errors.addError("renames is required: FROM=TO pairs, comma-separated");
    }
    if (allowedValues == null || ChangeSupport.splitList(allowedValues).isEmpty()) {
      errors.addError("allowedValues is required (comma-separated statuses)");
    }
    if (constraintName == null || constraintName.isBlank()) {
      errors.addError("constraintName is required, so later changes can drop the constraint by name");
    }
    return errors;
  }
}
