package dev.jobdb.engine.sqlite;

import dev.jobdb.db.JobCounts;
import dev.jobdb.db.SchemaReads;
import dev.jobdb.engine.ChangeContext;
import dev.jobdb.engine.Jdbc;
import dev.jobdb.engine.LiveSchema;
import dev.jobdb.engine.StatusChange;
import dev.jobdb.schema.LiveStatusCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * SQLite's schema as stored in sqlite_schema. jobdb's own reads rather than JDBC metadata:
 * sqlite-jdbc leaves metadata statements open, and an open statement makes a later DROP TABLE in
 * the same transaction fail with SQLITE_LOCKED.
 */
final class SqliteSchema implements LiveSchema {
  private final Connection c;

  SqliteSchema(Connection c) {
    this.c = c;
  }

  @Override
  public boolean tableExists(String table) throws SQLException {
    return SchemaReads.tableExists(c, table);
  }

  @Override
  public boolean columnExists(String table, String column) throws SQLException {
    return Jdbc.anyRow(c, "SELECT 1 FROM pragma_table_xinfo(?) WHERE name = ? COLLATE NOCASE",
        table, column);
  }

  @Override
  public boolean indexExists(String index) throws SQLException {
    // Index names are unique in the whole schema: one of that name anywhere blocks CREATE INDEX.
    return Jdbc.anyRow(c,
        "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ? COLLATE NOCASE", index);
  }

  @Override
  public Optional<List<String>> allowedValues(String table, String column) throws SQLException {
    String sql = SchemaReads.tableSql(c, table);
    if (sql == null) {
      throw new MissingTable(table);
    }
    return LiveStatusCheck.allowedValues(sql, column);
  }

  @Override
  public JobCounts counts() throws SQLException {
    return JobCounts.read(c);
  }

  @Override
  public void changeStatus(StatusChange change, ChangeContext context) throws SQLException {
    new SqliteStatusChange(c, context).apply(change);
  }
}
