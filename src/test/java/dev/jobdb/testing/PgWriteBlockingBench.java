package dev.jobdb.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * Measures how long the app's writes are blocked by jobdb migrate up on PostgreSQL (run by
 * scripts/bench-postgres.sh against a table it filled): a writer inserts one job per transaction
 * alone for a few seconds, then throughout {@code java -jar JAR migrate up}; it prints the slowest
 * insert of each phase, the inserts that failed or went missing, and jobdb's own step timings.
 *
 * <p>Arguments: JAR JDBC_URL USER DB_URL
 */
public final class PgWriteBlockingBench {
  private PgWriteBlockingBench() {}

  public static void main(String[] args) throws Exception {
    String jar = args[0];
    String jdbcUrl = args[1];
    String user = args[2];
    String dbUrl = args[3];
    long alone;
    int aloneInserts;
    try (PgWriter writer = PgWriter.start(writerConnection(jdbcUrl, user), 60_000)) {
      Thread.sleep(3000);
      alone = writer.longestMillis();
      aloneInserts = writer.ids().size();
    }
    long rowsBefore = count(jdbcUrl, user, "SELECT count(*) FROM job_queue");
    PgWriter writer = PgWriter.start(writerConnection(jdbcUrl, user), 60_000);
    LockWaitMonitor monitor = new LockWaitMonitor(DriverManager.getConnection(jdbcUrl, user, ""),
        writer.backendPid());
    Process jobdb;
    String json;
    long started;
    long elapsed;
    try (writer) {
      writer.awaitInserts(100);
      started = System.nanoTime();
      jobdb = new ProcessBuilder("java", "-jar", jar, "migrate", "up", "--db-url", dbUrl,
          "--no-backup", "--json").redirectError(ProcessBuilder.Redirect.INHERIT).start();
      json = new String(jobdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      jobdb.waitFor();
      elapsed = (System.nanoTime() - started) / 1_000_000;
      writer.awaitInserts(100);
      monitor.close();
    }
    List<Long> ids = writer.ids();
    long found = count(jdbcUrl, user, "SELECT count(*) FROM job_queue WHERE job_type = 'writer'");
    long rowsAfter = count(jdbcUrl, user, "SELECT count(*) FROM job_queue");
    System.out.printf("writer alone, 3 s:          %d inserts, slowest %d ms%n", aloneInserts,
        alone);
    System.out.printf("writer during migrate up:   %d inserts, %d failed, %d lost, slowest %d ms"
        + "%n", ids.size(), writer.failures().size(),
        (rowsBefore + ids.size()) - rowsAfter, writer.longestMillis());
    System.out.printf("writer waiting for a lock:  longest %.1f ms, %.1f ms in all (sampled every"
        + " %.2f ms on average)%n", monitor.longestNanos() / 1e6, monitor.totalNanos() / 1e6,
        monitor.averageSampleNanos() / 1e6);
    System.out.printf("jobdb migrate up:           exit %d, %.2f s wall (JVM start included)%n",
        jobdb.exitValue(), elapsed / 1000.0);
    if (jobdb.exitValue() == 0) {
      JsonNode result = new ObjectMapper().readTree(json);
      for (JsonNode hold : result.get("lockHolds")) {
        System.out.printf("  %-70s %6d ms  (blocks writes)%n", hold.get("what").asText(),
            hold.get("millis").asLong());
      }
      System.out.printf("writes blocked by jobdb at most %d ms at a time%n",
          result.get("writeLockMillis").asLong());
    }
    if (found != 0 && found < ids.size()) {
      System.out.println("LOST ROWS: " + (ids.size() - found));
    }
  }

  /**
   * Commits without waiting for the disk: this machine's fsync stalls (over 200 ms at times) would
   * otherwise hide the lock waits being measured.
   */
  private static Connection writerConnection(String jdbcUrl, String user) throws Exception {
    Connection c = DriverManager.getConnection(jdbcUrl, user, "");
    try (Statement s = c.createStatement()) {
      s.execute("SET synchronous_commit = off");
    }
    return c;
  }

  private static long count(String jdbcUrl, String user, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, "");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
