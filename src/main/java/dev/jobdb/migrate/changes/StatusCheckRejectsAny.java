package dev.jobdb.migrate.changes;

import dev.jobdb.run.RunContext;
import java.util.List;
import java.util.Optional;
import liquibase.database.Database;
import liquibase.exception.CustomPreconditionErrorException;
import liquibase.exception.CustomPreconditionFailedException;
import liquibase.precondition.CustomPrecondition;

/**
 * Liquibase precondition, read from the live schema (never from the app's own migration records):
 * holds when the table's CHECK on {@code columnName} still rejects one of {@code values} (when the
 * changeset gives none: the values of the enum the run follows, see {@code RunContext}). When it
 * does not hold (the app already fixed the table, or there is no CHECK at all) the changeset is
 * recorded as ran without touching the table.
 */
public class StatusCheckRejectsAny implements CustomPrecondition {
  private String tableName = "job_queue";
  private String columnName = "status";
  private String values;

  @Override
  public void check(Database database)
      throws CustomPreconditionFailedException, CustomPreconditionErrorException {
    Optional<List<String>> allowed =
        ChangeSupport.liveAllowedValues(database, tableName, columnName);
    List<String> wanted = values == null || values.isBlank()
        ? RunContext.current().statusEnum().values() : ChangeSupport.splitList(values);
    if (allowed.isEmpty() || allowed.get().containsAll(wanted)) {
      throw new CustomPreconditionFailedException(
          tableName + "." + columnName + " already accepts " + String.join(", ", wanted));
    }
  }

  public String getTableName() { return tableName; }
  public void setTableName(String tableName) { this.tableName = tableName; }
  public String getColumnName() { return columnName; }
  public void setColumnName(String columnName) { this.columnName = columnName; }
  public String getValues() { return values; }
  public void setValues(String values) { this.values = values; }
}
