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
    WAITING_FOR_THE_ADD_LOCK("ALTER TABLE%ADD CONSTRAINT%", true),
    /** Copying the rows into the snapshot file. */
    TAKING_THE_SNAPSHOT("COPY%", false),
    /** Scanning the table in VALIDATE CONSTRAINT. */
    VALIDATING("ALTER TABLE%VALIDATE CONSTRAINT%", false),
    /** Waiting for the lock to drop the old constraint and rename the new one. */
    WAITING_FOR_THE_SWAP_LOCK("ALTER TABLE%DROP CONSTRAINT%", true);

    final String query;
    final boolean waitingForLock;

    Moment(String query, boolean waitingForLock) {
      this.query = query;
      this.waitingForLock = waitingForLock;
    }
  }

  @ParameterizedTest
  @EnumSource(Moment.class)
  void aKillLeavesRowsIntactAndTheNextRunFinishes(Moment moment) throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, ROWS);
    String rows = db.fingerprint();
    try (Connection watcher = db.connect(); Connection reader = db.connect()) {
      reader.setAutoCommit(false);
      if (moment == Moment.WAITING_FOR_THE_ADD_LOCK) {
        read(reader);
      }
      Process child = start(db);
      if (moment == Moment.WAITING_FOR_THE_SWAP_LOCK) {
        await(watcher, Moment.VALIDATING);
        read(reader); // ACCESS SHARE: VALIDATE goes on, the swap after it must wait
      }
      boolean caught = await(watcher, moment);
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(caught).as("the child reached " + moment).isTrue();
      reader.rollback();
      awaitSessionsGone(watcher);
    }

    assertThat(db.fingerprint()).isEqualTo(rows);
    String constraints = db.constraintText();
    assertThat(constraints).satisfiesAnyOf(
        c -> assertThat(c).startsWith("job_queue_status_check CHECK").doesNotContain("_new"),
        c -> assertThat(c).contains("job_queue_status_check CHECK ((status = ANY (ARRAY["
            + "'pending'::text, 'running'::text, 'completed'::text, 'failed'::text,"
            + " 'cancelled'::text]))) true\njob_queue_status_check_jobdb_new CHECK"));

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
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
  }

  private static void read(Connection reader) throws Exception {
    try (Statement s = reader.createStatement()) {
      s.executeQuery("SELECT id FROM job_queue LIMIT 1").close();
    }
  }

  /** Polls pg_stat_activity until jobdb's session runs (or waits in) the moment's statement. */
  private static boolean await(Connection watcher, Moment moment) throws Exception {
    try (PreparedStatement q = watcher.prepareStatement("SELECT count(*) FROM pg_stat_activity"
        + " WHERE application_name LIKE 'jobdb migrate up (pid%' AND state = 'active'"
        + " AND query LIKE ? AND (NOT ? OR wait_event_type = 'Lock')")) {
      q.setString(1, moment.query);
      q.setBoolean(2, moment.waitingForLock);
      for (int i = 0; i < 60_000; i++) {
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
