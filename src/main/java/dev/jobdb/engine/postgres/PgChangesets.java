package dev.jobdb.engine.postgres;

import dev.jobdb.engine.ChangeUnit;
import dev.jobdb.engine.LockHold;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

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
  public long heldMillis() {
    return 0;
  }

  @Override
  public List<LockHold> holds() {
    return List.of();
  }

  @Override
  public List<String> writes() {
    return List.of();
  }

  @Override
  public List<String> committedBeforeTheEnd() {
    return List.of();
  }

  @Override
  public void close() throws SQLException {
    rollback();
  }
}
