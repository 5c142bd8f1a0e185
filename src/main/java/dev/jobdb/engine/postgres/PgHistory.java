package dev.jobdb.engine.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Liquibase's record of what was applied (databasechangelog), kept in a snapshot beside job_queue
 * and put back with it, as a SQLite snapshot (the whole file) does: after a restore, status and
 * the next migrate up see the history that matches the table.
 */
final class PgHistory {
  private PgHistory() {}

  /** Every row as a JSON object, in the order applied; none when there is no history table. */
  static List<String> read(Connection c) throws SQLException {
    if (!exists(c)) {
      return List.of();
    }
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT row_to_json(d)::text FROM databasechangelog d ORDER BY orderexecuted")) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  /**
   * Replaces the history with {@code rows} inside the caller's transaction (none: the snapshot was
   * taken before jobdb recorded anything); leaves it alone for a snapshot of jobdb 1 (null).
   */
  static void replace(Connection c, List<String> rows) throws SQLException {
    if (rows == null || !exists(c)) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM databasechangelog");
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO databasechangelog"
        + " SELECT * FROM json_populate_record(NULL::databasechangelog, ?::json)")) {
      for (String row : rows) {
        insert.setString(1, row);
        insert.executeUpdate();
      }
    }
  }

  private static boolean exists(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT to_regclass('databasechangelog') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
