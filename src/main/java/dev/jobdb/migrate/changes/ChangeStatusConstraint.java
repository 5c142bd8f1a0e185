package dev.jobdb.migrate.changes;

import dev.jobdb.engine.StatusChange;
import dev.jobdb.run.RunContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;

/**
 * Liquibase custom change: makes {@code column} of {@code tableName} accept exactly
 * {@code allowedValues}, the way the database's engine changes a constraint: on SQLite in place
 * (no row rewritten) unless the run says {@code --rebuild} or SQLite cannot; on a server online
 * (ADD ... NOT VALID, VALIDATE, swap, each step committed under lock_timeout; ALTER TYPE ... ADD
 * VALUE for a native enum). Used for both directions: a changeset widens, its rollback narrows. A
 * narrowing never deletes a row: rows in a status the new constraint rejects are moved only by an
 * explicit {@code --remap}; otherwise the change refuses and nothing changes.
 *
 * <p>The next change to the status list is one new changeset using this class: no Java.
 */
public class ChangeStatusConstraint extends AdoptionAwareChange {
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
    RunContext.current().schema(c).changeStatus(new StatusChange(changeSet, tableName, columnName,
        values(run), constraintName, adopted), run);
  }

  /** The changeset's allowedValues; when it gives none, the values of the enum the run follows. */
  private List<String> values(RunContext run) {
    return allowedValues == null || allowedValues.isBlank()
        ? run.statusEnum().values() : ChangeSupport.splitList(allowedValues);
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
