package dev.jobdb.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Small reads of sqlite_schema that several services need. */
public final class SchemaReads {
  private SchemaReads() {}

  /** The stored CREATE TABLE text of {@code table} (any case), or null when there is none. */
  public static String tableSql(Connection c, String table) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE")) {
      s.setString(1, table);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  public static boolean tableExists(Connection c, String table) throws SQLException {
    return tableSql(c, table) != null;
  }
}
