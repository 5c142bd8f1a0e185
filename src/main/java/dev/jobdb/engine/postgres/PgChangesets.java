package dev.jobdb.engine.postgres;

import dev.jobdb.engine.ChangeUnit;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A real run on PostgreSQL: Liquibase commits each changeset with its record, and the status
 * change commits its own online steps, so the app's workers are blocked only for the steps that
 * need a strong lock (the change reports those). There is no run-wide transaction to end.
 */
final class PgChangesets implements ChangeUnit {
  private final Connection c;

  PgChangesets(Connection c) {
    this.c = c;
  }

  @Override
  public Connection connection() {
    return c;
  }

  @Override
  public void commit() throws SQLException {
    if (!c.getAutoCommit()) {
      c.commit();
    }
  }

  @Override
  public void rollback() throws SQLException {
    if (!c.isClosed() && !c.getAutoCommit()) {
      c.rollback();
    }
  }

  @Override
  public void close() throws SQLException {
    rollback();
  }
}
