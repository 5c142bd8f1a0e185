package dev.jobdb.db;

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
public final class SqlRunner {
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private final Connection connection;
  private final List<ExecutedStatement> log = new ArrayList<>();

  public SqlRunner(Connection connection) {
    this.connection = connection;
  }

  public Connection connection() {
    return connection;
  }

  /** Runs a statement; returns the number of rows it changed. */
  public long update(StatementKind kind, String sql) throws SQLException {
    log.add(new ExecutedStatement(kind, sql));
    try (Statement s = connection.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  public <T> List<T> query(StatementKind kind, String sql, RowMapper<T> mapper) throws SQLException {
    log.add(new ExecutedStatement(kind, sql));
    List<T> rows = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(mapper.map(rs));
      }
    }
    return rows;
  }

  public List<String> queryStrings(StatementKind kind, String sql) throws SQLException {
    return query(kind, sql, rs -> rs.getString(1));
  }

  public List<ExecutedStatement> log() {
    return List.copyOf(log);
  }
}
