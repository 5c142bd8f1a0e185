package dev.jobdb.migrate.changes;

import dev.jobdb.db.SchemaReads;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * <p>jobdb's own check rather than Liquibase's tableExists/columnExists: those read JDBC metadata
 * through statements sqlite-jdbc leaves open, and an open statement makes the DROP TABLE of a later
 * rebuild in the same transaction fail with SQLITE_LOCKED.
 */
public class SchemaLacks implements CustomPrecondition {
  private String tableName;
  private String columnName;
  private String indexName;

  @Override
  public void check(Database database)
      throws CustomPreconditionFailedException, CustomPreconditionErrorException {
    try {
      Connection c = ChangeSupport.jdbc(database);
      boolean tableExists = SchemaReads.tableExists(c, tableName);
      if (indexName != null) {
        if (!tableExists || indexExists(c)) {
          throw new CustomPreconditionFailedException(
              tableExists ? "index " + indexName + " exists" : "no table " + tableName);
        }
      } else if (columnName == null) {
        if (tableExists) {
          throw new CustomPreconditionFailedException("table " + tableName + " exists");
        }
      } else if (!tableExists || columnExists(c)) {
        throw new CustomPreconditionFailedException(
            tableExists ? "column " + tableName + "." + columnName + " exists"
                : "no table " + tableName);
      }
    } catch (SQLException e) {
      throw new CustomPreconditionErrorException("cannot read the schema of " + tableName, e);
    }
  }

  private boolean columnExists(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT 1 FROM pragma_table_xinfo(?) WHERE name = ? COLLATE NOCASE")) {
      s.setString(1, tableName);
      s.setString(2, columnName);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  private boolean indexExists(Connection c) throws SQLException {
    // Index names are unique in the whole schema: one of that name anywhere blocks CREATE INDEX.
    try (PreparedStatement s = c.prepareStatement(
        "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ? COLLATE NOCASE")) {
      s.setString(1, indexName);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  public String getTableName() { return tableName; }
  public void setTableName(String tableName) { this.tableName = tableName; }
  public String getColumnName() { return columnName; }
  public void setColumnName(String columnName) { this.columnName = columnName; }
  public String getIndexName() { return indexName; }
  public void setIndexName(String indexName) { this.indexName = indexName; }
}
