package dev.jobdb.migrate.changes;

import dev.jobdb.run.RunContext;
import dev.jobdb.engine.LiveSchema;
import java.sql.SQLException;
import liquibase.database.Database;
import liquibase.exception.CustomPreconditionErrorException;
import liquibase.exception.CustomPreconditionFailedException;
import liquibase.precondition.CustomPrecondition;

/**
 * Liquibase precondition read from the live schema: holds when table {@code tableName} (or, if
 * {@code columnName} is set, that column of it; if {@code indexName} is set, that index on it)
 * does not exist yet. When it does not hold, the app
 * already made the change and the changeset is recorded as adopted (MARK_RAN).
 *
 * <p>The engine's own reads rather than Liquibase's tableExists/columnExists: on SQLite those read
 * JDBC metadata through statements sqlite-jdbc leaves open, and an open statement makes the DROP
 * TABLE of a later rebuild in the same transaction fail with SQLITE_LOCKED.
 */
public class SchemaLacks implements CustomPrecondition {
  private String tableName;
  private String columnName;
  private String indexName;

  @Override
  public void check(Database database)
      throws CustomPreconditionFailedException, CustomPreconditionErrorException {
    try {
      LiveSchema schema = RunContext.current().schema(ChangeSupport.jdbc(database));
      boolean tableExists = schema.tableExists(tableName);
      if (indexName != null) {
        if (!tableExists || schema.indexExists(indexName)) {
          throw new CustomPreconditionFailedException(
              tableExists ? "index " + indexName + " exists" : "no table " + tableName);
        }
      } else if (columnName == null) {
        if (tableExists) {
          throw new CustomPreconditionFailedException("table " + tableName + " exists");
        }
      } else if (!tableExists || schema.columnExists(tableName, columnName)) {
        throw new CustomPreconditionFailedException(
            tableExists ? "column " + tableName + "." + columnName + " exists"
                : "no table " + tableName);
      }
    } catch (SQLException e) {
      throw new CustomPreconditionErrorException("cannot read the schema of " + tableName, e);
    }
  }

  public String getTableName() { return tableName; }
  public void setTableName(String tableName) { this.tableName = tableName; }
  public String getColumnName() { return columnName; }
  public void setColumnName(String columnName) { this.columnName = columnName; }
  public String getIndexName() { return indexName; }
  public void setIndexName(String indexName) { this.indexName = indexName; }
}
