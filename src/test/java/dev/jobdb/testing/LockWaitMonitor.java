package dev.jobdb.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Samples one session's wait event in pg_stat_activity as fast as it can, and keeps the longest
 * unbroken stretch in which that session waited for a heavyweight lock: how long jobdb blocked
 * the writer, apart from the disk and CPU stalls its insert times also contain.
 */
final class LockWaitMonitor implements AutoCloseable {
  private final Connection c;
  private final int pid;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long longestNanos;
  private volatile long totalNanos;
  private volatile long samples;
  private final long started = System.nanoTime();

  LockWaitMonitor(Connection c, int pid) {
    this.c = c;
    this.pid = pid;
    thread = new Thread(this::sample, "lock-wait-monitor");
    thread.start();
  }

  private void sample() {
    try (PreparedStatement q = c.prepareStatement("SELECT wait_event_type = 'Lock'"
        + " FROM pg_stat_activity WHERE pid = ?")) {
      q.setInt(1, pid);
      long waitingSince = 0;
      long previous = System.nanoTime();
      while (running) {
        boolean waiting;
        try (ResultSet rs = q.executeQuery()) {
          waiting = rs.next() && rs.getBoolean(1);
        }
        long now = System.nanoTime();
        samples++;
        if (waiting) {
          totalNanos += now - previous;
          if (waitingSince == 0) {
            waitingSince = previous; // it began at most one sample ago
          }
          longestNanos = Math.max(longestNanos, now - waitingSince);
        } else {
          waitingSince = 0;
        }
        previous = now;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  long longestNanos() {
    return longestNanos;
  }

  long totalNanos() {
    return totalNanos;
  }

  long averageSampleNanos() {
    return samples == 0 ? 0 : (System.nanoTime() - started) / samples;
  }

  @Override
  public void close() throws Exception {
    running = false;
    thread.join();
    c.close();
  }
}
