package dev.jobdb.migrate.changes;

import java.util.List;
import java.util.Optional;
import liquibase.database.Database;
import liquibase.exception.CustomPreconditionErrorException;
import liquibase.exception.CustomPreconditionFailedException;
import liquibase.precondition.CustomPrecondition;

/**
 * Liquibase precondition for a narrowing, read from the live schema: holds while the table's CHECK
 * on {@code columnName} still accepts one of {@code values} (no CHECK accepts them all). When it
 * does not hold the database already rejects them all and the changeset is adopted (MARK_RAN).
 */
public class StatusCheckAcceptsAny implements CustomPrecondition {
  private String tableName = "job_queue";
  private String columnName = "status";
  private String values;

  @Override
  public void check(Database database)
      throws CustomPreconditionFailedException, CustomPreconditionErrorException {
    Optional<List<String>> allowed =
        ChangeSupport.liveAllowedValues(database, tableName, columnName);
    List<String> unwanted = ChangeSupport.splitList(values);
    if (allowed.isPresent() && unwanted.stream().noneMatch(allowed.get()::contains)) {
      throw new CustomPreconditionFailedException(
          tableName + "." + columnName + " already rejects " + String.join(", ", unwanted));
    }
  }

  public String getTableName() { return tableName; }
  public void setTableName(String tableName) { this.tableName = tableName; }
  public String getColumnName() { return columnName; }
  public void setColumnName(String columnName) { this.columnName = columnName; }
  public String getValues() { return values; }
  public void setValues(String values) { this.values = values; }
}
