package dev.jobdb.engine.postgres;

import dev.jobdb.engine.LockPolicy;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs each step of a change as its own transaction. A step that needs a strong lock runs under
 * {@code lock_timeout}: when the lock is not granted in time (a long transaction holds it), the
 * step is rolled back, jobdb lets the queued workers through, waits, and tries again; after the
 * last attempt it gives up. A worker therefore never waits behind jobdb longer than the timeout.
 */
final class LockedSteps {
  private final Connection c;
  private final LockPolicy policy;
  private final Consumer<String> progress;
  private final List<StepLog> log = new ArrayList<>();

  LockedSteps(Connection c, LockPolicy policy, Consumer<String> progress) {
    this.c = c;
    this.policy = policy;
    this.progress = progress;
  }

  List<StepLog> log() {
    return List.copyOf(log);
  }

  /**
   * A step: its statements in one transaction, under lock_timeout when {@code strongLock}.
   *
   * @return per statement, the first column of the rows it returned ({@code RETURNING id}), as
   *     committed; empty lists for statements that return nothing
   * @throws StepFailed when a statement fails (the step is rolled back), naming the step
   */
  List<List<Long>> run(String name, boolean strongLock, List<String> statements)
      throws SQLException {
    long started = System.nanoTime();
    boolean autoCommit = c.getAutoCommit();
    for (int attempt = 1; ; attempt++) {
      try {
        c.setAutoCommit(false);
        List<List<Long>> returned = new ArrayList<>();
        try (Statement s = c.createStatement()) {
          s.execute(policy.lockTimeoutSql());
          for (String sql : statements) {
            returned.add(s.execute(sql) ? firstColumn(s.getResultSet()) : List.of());
          }
        }
        c.commit();
        log.add(new StepLog(name, String.join(";\n", statements) + ";",
            (System.nanoTime() - started) / 1_000_000, attempt, strongLock));
        return returned;
      } catch (SQLException e) {
        c.rollback();
        if (!Postgres.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
          throw e instanceof StepFailed ? e : new StepFailed(name, e);
        }
        String blocker = blocker();
        if (attempt >= policy.attempts()) {
          throw new GaveUp(name, attempt, blocker);
        }
        progress.accept(name + ": lock not granted within " + policy.lockTimeout().toMillis()
            + " ms (" + blocker + "); the app's workers go first, retrying (" + attempt + " of "
            + policy.attempts() + ")");
        pause(attempt);
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  private static List<Long> firstColumn(ResultSet rs) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getLong(1));
      }
    }
    return values;
  }

  /** A statement of a step failed; the step was rolled back. Its message names the step. */
  static final class StepFailed extends SQLException {
    StepFailed(String step, SQLException cause) {
      super(step + " failed: " + String.valueOf(cause.getMessage()).replaceAll("\\s+", " "),
          cause.getSQLState(), cause);
    }
  }

  /** jobdb could not get its lock in time; what it had done so far is undone by the caller. */
  static final class GaveUp extends SQLException {
    GaveUp(String step, int attempts, String blocker) {
      super(step + ": lock not granted in " + attempts + " attempts (" + blocker + ")");
    }
  }

  static JobdbException gaveUp(GaveUp e, LockPolicy policy) {
    return new JobdbException(ExitCode.FAILED_ROLLED_BACK, "gave up so as not to block the app's"
        + " writers: " + e.getMessage() + "; lock_timeout " + policy.lockTimeout().toMillis()
        + " ms each. Nothing was changed. End that transaction, or run again when it is over");
  }

  /** The oldest other transaction holding a lock on job_queue: usually what jobdb waited for. */
  private String blocker() {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT a.pid, a.application_name, a.state,"
            + " extract(epoch FROM now() - a.xact_start)::bigint FROM pg_locks l"
            + " JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.relation = to_regclass('job_queue') AND a.pid <> pg_backend_pid()"
            + " AND a.xact_start IS NOT NULL ORDER BY a.xact_start LIMIT 1")) {
      if (!rs.next()) {
        return "the holder has finished since";
      }
      String app = rs.getString(2);
      return "held by server pid " + rs.getInt(1) + (app == null || app.isEmpty() ? ""
          : " (" + app + ")") + ", " + rs.getString(3) + ", transaction open " + rs.getLong(4)
          + " s";
    } catch (SQLException e) {
      return "holder unknown";
    }
  }

  private void pause(int attempt) {
    try {
      Thread.sleep(policy.pause().toMillis() * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
