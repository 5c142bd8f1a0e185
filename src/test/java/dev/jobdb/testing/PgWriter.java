package dev.jobdb.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The app's worker, as far as jobdb is concerned: inserts jobs one per transaction, as fast as it
 * can, until stopped. It runs with its own {@code lock_timeout}: an insert that would have to wait
 * longer for a lock fails, and is counted as a failure, so "never waited longer than X" is an
 * outcome the tests can assert without timing anything themselves.
 */
public final class PgWriter implements AutoCloseable {
  private final Connection c;
  private final Thread thread;
  private final List<Long> ids = Collections.synchronizedList(new ArrayList<>());
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private volatile long longestMillis;
  private volatile boolean running = true;
  private final int backendPid;

  private PgWriter(Connection c, long lockTimeoutMillis) throws SQLException {
    this.c = c;
    try (Statement s = c.createStatement()) {
      s.execute("SET lock_timeout = '" + lockTimeoutMillis + "ms'");
      try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        backendPid = rs.getInt(1);
      }
    }
    thread = new Thread(this::write, "pg-writer");
  }

  public static PgWriter start(PgTestDatabase db, long lockTimeoutMillis) throws SQLException {
    return start(db.connect(), lockTimeoutMillis);
  }

  /** @param c a connection of its own; closed with the writer */
  public static PgWriter start(Connection c, long lockTimeoutMillis) throws SQLException {
    PgWriter writer = new PgWriter(c, lockTimeoutMillis);
    writer.thread.start();
    return writer;
  }

  private void write() {
    String[] statuses = {"pending", "running", "completed", "failed", "cancelled"};
    int n = 0;
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO job_queue (job_type,"
        + " job_data, status) VALUES ('writer', ?, ?::text::" + statusType() + ") RETURNING id")) {
      while (running) {
        insert.setString(1, "{\"n\": " + n + "}");
        insert.setString(2, statuses[n++ % statuses.length]);
        long started = System.nanoTime();
        try (ResultSet rs = insert.executeQuery()) {
          rs.next();
          ids.add(rs.getLong(1));
        } catch (SQLException e) {
          failures.add(e.getSQLState() + " " + e.getMessage());
        }
        longestMillis = Math.max(longestMillis, (System.nanoTime() - started) / 1_000_000);
      }
    } catch (SQLException e) {
      failures.add(e.getMessage());
    }
  }

  private String statusType() throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
            + " WHERE attrelid = 'job_queue'::regclass AND attname = 'status'")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The server process of the writer's session, as pg_stat_activity shows it. */
  public int backendPid() {
    return backendPid;
  }

  /** Inserts that committed, in order. */
  public List<Long> ids() {
    synchronized (ids) {
      return List.copyOf(ids);
    }
  }

  public List<String> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  /** The slowest insert, lock waits included: for the benchmark's report, never asserted. */
  public long longestMillis() {
    return longestMillis;
  }

  /** Waits until at least {@code count} more inserts committed, so the writer is really going. */
  public void awaitInserts(int count) throws InterruptedException {
    int target = ids.size() + count;
    while (ids.size() < target && thread.isAlive()) {
      Thread.sleep(5);
    }
  }

  @Override
  public void close() throws Exception {
    running = false;
    thread.join();
    c.close();
  }
}
