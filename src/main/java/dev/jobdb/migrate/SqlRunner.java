package dev.jobdb.migrate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs literal SQL (no bound parameters, so every recorded statement can be replayed as printed)
 * and records each statement in order.
 */
final class SqlRunner {
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private final Connection connection;
  private final List<ExecutedStatement> log = new ArrayList<>();

  SqlRunner(Connection connection) {
    this.connection = connection;
  }

  /** Runs a statement; returns the number of rows it changed. */
  long update(StatementKind kind, String sql) throws SQLException {
    log.add(new ExecutedStatement(kind, sql));
    try (Statement s = connection.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  <T> List<T> query(StatementKind kind, String sql, RowMapper<T> mapper) throws SQLException {
    log.add(new ExecutedStatement(kind, sql));
    List<T> rows = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(mapper.map(rs));
      }
    }
    return rows;
  }

  List<String> queryStrings(StatementKind kind, String sql) throws SQLException {
    return query(kind, sql, rs -> rs.getString(1));
  }

  List<ExecutedStatement> log() {
    return List.copyOf(log);
  }
}
