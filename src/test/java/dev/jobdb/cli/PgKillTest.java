package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.Main;
import dev.jobdb.testing.PgTestDatabase;
import dev.jobdb.testing.PgTestDatabase.Kind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jobdb killed with SIGKILL at several moments of migrate up: the rows are untouched, the
 * constraint is the old one, or the new one, or the old one beside a NOT VALID temporary one
 * (which still lets every row the old one did through); the advisory lock went with the process;
 * the next migrate up finishes the change.
 */
class PgKillTest {
  private static final int ROWS = 150_000;

  @TempDir Path dir;

  enum Moment {
    /** Waiting (under lock_timeout) for the ADD's lock behind a reader's open transaction. */
    WAITING_FOR_THE_ADD_LOCK,
    /** Copying the rows into the snapshot file. */
    TAKING_THE_SNAPSHOT,
    /** The NOT VALID constraint is committed; VALIDATE waits behind a SHARE lock. */
    WAITING_FOR_THE_VALIDATE_LOCK,
    /** Validated; waiting for the lock to drop the old constraint and rename the new one. */
    WAITING_FOR_THE_SWAP_LOCK
  }

  private static final String ADD = "ALTER TABLE%ADD CONSTRAINT%";
  private static final String VALIDATE = "ALTER TABLE%VALIDATE CONSTRAINT%";
  private static final String SWAP = "ALTER TABLE%DROP CONSTRAINT%";

  /**
   * Each moment is reached through PostgreSQL's lock queue, not by timing: a reader's open
   * transaction holds the ADD; a SHARE lock queued behind the ADD is granted before jobdb's
   * VALIDATE asks, and holds it; a reader that starts while VALIDATE waits holds the swap.
   */
  @ParameterizedTest
  @EnumSource(Moment.class)
  void aKillLeavesRowsIntactAndTheNextRunFinishes(Moment moment) throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, ROWS);
    String rows = db.fingerprint();
    try (Connection watcher = db.connect(); Connection reader = db.connect();
        Connection share = db.connect(); Connection lateReader = db.connect()) {
      reader.setAutoCommit(false);
      share.setAutoCommit(false);
      lateReader.setAutoCommit(false);
      boolean caught;
      Process child;
      if (moment == Moment.TAKING_THE_SNAPSHOT) {
        child = start(db);
        caught = await(watcher, "jobdb migrate up (pid%", "COPY%", false);
      } else {
        read(reader);
        child = start(db);
        caught = await(watcher, "jobdb migrate up (pid%", ADD, true);
        if (moment != Moment.WAITING_FOR_THE_ADD_LOCK) {
          Thread locker = new Thread(() -> execute(share, "LOCK TABLE job_queue IN SHARE MODE"));
          locker.start();
          await(watcher, "%", "LOCK TABLE job_queue IN SHARE MODE", true);
          reader.rollback(); // the ADD goes through, then the SHARE lock is granted
          locker.join();
          caught = await(watcher, "jobdb migrate up (pid%", VALIDATE, true);
          if (moment == Moment.WAITING_FOR_THE_SWAP_LOCK) {
            read(lateReader); // ACCESS SHARE: no conflict with VALIDATE, but with the swap
            share.rollback();
            caught = await(watcher, "jobdb migrate up (pid%", SWAP, true);
          }
        }
      }
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(caught).as("the child reached " + moment + "; its output: "
          + java.nio.file.Files.readString(dir.resolve("child.log"))).isTrue();
      reader.rollback();
      share.rollback();
      lateReader.rollback();
      awaitSessionsGone(watcher);
    }

    assertThat(db.fingerprint()).isEqualTo(rows);
    String constraints = db.constraintText();
    String oldCheck = "job_queue_status_check CHECK ((status = ANY (ARRAY['pending'::text,"
        + " 'running'::text, 'completed'::text, 'failed'::text, 'cancelled'::text]))) true\n";
    switch (moment) {
      case WAITING_FOR_THE_ADD_LOCK, TAKING_THE_SNAPSHOT ->
          assertThat(constraints).isEqualTo(oldCheck);
      default -> assertThat(constraints).startsWith(oldCheck
          + "job_queue_status_check_jobdb_new CHECK");
    }

    CliRun status = CliRun.of("status", "--db-url", db.url());
    assertThat(status.out()).containsPattern("pending +003-status-accepts-all-job-statuses");
    CliRun next = CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup");
    assertThat(next.exitCode()).as(next.err()).isZero();
    assertThat(db.constraintText()).startsWith("job_queue_status_check CHECK")
        .contains("'zombie'::text]))) true\n").doesNotContain("jobdb_new");
    assertThat(db.fingerprint()).isEqualTo(rows);
    assertThat(CliRun.of("verify-schema", "--db-url", db.url()).exitCode()).isZero();
  }

  private Process start(PgTestDatabase db) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "migrate", "up", "--db-url", db.url(), "--backup-dir",
        dir.toString(), "--lock-timeout", "500", "--lock-attempts", "100")
        // Not the project folder: under surefire the class path holds "." as well, and Liquibase
        // would find changelogs/master.yaml twice
        .directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
  }

  private static void read(Connection reader) throws Exception {
    try (Statement s = reader.createStatement()) {
      s.executeQuery("SELECT id FROM job_queue LIMIT 1").close();
    }
  }

  /** Polls pg_stat_activity until a session runs (or waits for a lock in) the statement. */
  private static boolean await(Connection watcher, String application, String query,
      boolean waitingForLock) throws Exception {
    try (PreparedStatement q = watcher.prepareStatement("SELECT count(*) FROM pg_stat_activity"
        + " WHERE application_name LIKE ? AND state = 'active' AND query LIKE ?"
        + " AND (NOT ? OR wait_event_type = 'Lock') AND pid <> pg_backend_pid()")) {
      q.setString(1, application);
      q.setString(2, query);
      q.setBoolean(3, waitingForLock);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > 0) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void execute(Connection c, String sql) {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server ends a killed client's sessions once it notices; wait for that. */
  private static void awaitSessionsGone(Connection watcher) throws Exception {
    for (int i = 0; i < 600; i++) {
      try (Statement s = watcher.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'jobdb%'")) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return;
        }
      }
      Thread.sleep(100);
    }
  }
}
