package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.testing.PgTestDatabase;
import dev.jobdb.testing.PgTestDatabase.Kind;
import dev.jobdb.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults on PostgreSQL, driven through the command line: the connection terminated at each online
 * step, the server stopped mid-run, a user without the right to alter the table, two runs at once.
 * Each gives one line on stderr and a documented exit code; the rows, columns, indexes and sequence
 * are exactly as before, and the next run completes.
 */
class PgFaultsTest {
  private static final int ROWS = 150_000;
  private static final String OLD_CHECK = "job_queue_status_check CHECK ((status = ANY"
      + " (ARRAY['pending'::text, 'running'::text, 'completed'::text, 'failed'::text,"
      + " 'cancelled'::text]))) true\n";
  private static final String JOBDB = "jobdb migrate up (pid%";

  @TempDir Path dir;

  enum Step {
    /** Copying the rows into the snapshot file. */
    TAKING_THE_SNAPSHOT,
    /** Waiting (under lock_timeout) for the lock of ADD CONSTRAINT ... NOT VALID. */
    WAITING_FOR_THE_ADD_LOCK,
    /** The NOT VALID constraint is committed; VALIDATE waits behind a SHARE lock. */
    WAITING_FOR_THE_VALIDATE_LOCK,
    /** Validated; waiting for the lock to drop the old constraint and rename the new one. */
    WAITING_FOR_THE_SWAP_LOCK
  }

  /** Each step is reached through PostgreSQL's lock queue, as in PgKillTest, not by timing. */
  @ParameterizedTest
  @EnumSource(Step.class)
  void theConnectionTerminatedAtEachOnlineStepLeavesTheRowsAndTheNextRunFinishes(Step step)
      throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, ROWS);
    String rows = db.fingerprint();
    CliRun run;
    try (Connection watcher = db.connect(); Connection reader = db.connect();
        Connection share = db.connect(); Connection lateReader = db.connect()) {
      reader.setAutoCommit(false);
      share.setAutoCommit(false);
      lateReader.setAutoCommit(false);
      CompletableFuture<CliRun> running;
      boolean terminated;
      if (step == Step.TAKING_THE_SNAPSHOT) {
        running = start(db);
        terminated = terminate(watcher, "COPY%", false);
      } else {
        read(reader);
        running = start(db);
        String waitingFor = "ALTER TABLE%ADD CONSTRAINT%";
        if (step != Step.WAITING_FOR_THE_ADD_LOCK) {
          assertThat(await(watcher, waitingFor)).isTrue();
          Thread locker = new Thread(() -> execute(share, "LOCK TABLE job_queue IN SHARE MODE"));
          locker.start();
          assertThat(await(watcher, "LOCK TABLE job_queue IN SHARE MODE")).isTrue();
          reader.rollback();
          locker.join();
          waitingFor = "ALTER TABLE%VALIDATE CONSTRAINT%";
          if (step == Step.WAITING_FOR_THE_SWAP_LOCK) {
            assertThat(await(watcher, waitingFor)).isTrue();
            read(lateReader);
            share.rollback();
            waitingFor = "ALTER TABLE%DROP CONSTRAINT%";
          }
        }
        terminated = terminate(watcher, waitingFor, true);
      }
      assertThat(terminated).as("jobdb's session was terminated at " + step).isTrue();
      run = running.get(120, TimeUnit.SECONDS);
      reader.rollback();
      share.rollback();
      lateReader.rollback();
    }

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("jobdb: cannot ").contains(db.url());
    assertThat(db.fingerprint()).isEqualTo(rows);
    assertThat(partials()).isEmpty();
    if (step == Step.TAKING_THE_SNAPSHOT || step == Step.WAITING_FOR_THE_ADD_LOCK) {
      assertThat(db.constraintText()).isEqualTo(OLD_CHECK);
    } else {
      // the NOT VALID step had committed: the old CHECK still holds beside it
      assertThat(db.constraintText()).startsWith(OLD_CHECK + "job_queue_status_check_jobdb_new");
    }
    CliRun next = CliRun.of("migrate", "up", "--db-url", db.url(), "--backup-dir",
        dir.toString());
    assertThat(next.exitCode()).as(next.err()).isZero();
    assertThat(db.constraintText()).contains("'zombie'::text]))) true\n")
        .doesNotContain("jobdb_new");
    assertThat(db.fingerprint()).isEqualTo(rows);
  }

  @Test
  void theServerStoppedMidRunGivesExit3AndTheNextRunFinishes() throws Exception {
    PostgresServer server = PostgresServer.startPrivate();
    try {
      PgTestDatabase db = PgTestDatabase.deployedOn(server, Kind.CHECK, 20_000);
      String rows = db.fingerprint();
      CliRun run;
      try (Connection watcher = db.connect(); Connection reader = db.connect()) {
        reader.setAutoCommit(false);
        read(reader);
        CompletableFuture<CliRun> running = start(db);
        assertThat(await(watcher, "ALTER TABLE%ADD CONSTRAINT%")).isTrue();
        server.stopFast();
        run = running.get(120, TimeUnit.SECONDS);
      }
      server.startAgain();

      assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
      assertThat(run.errLines()).hasSize(1);
      assertThat(run.err()).startsWith("jobdb: cannot ").contains(db.url());
      assertThat(db.fingerprint()).isEqualTo(rows);
      assertThat(db.constraintText()).isEqualTo(OLD_CHECK);
      CliRun next = CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup");
      assertThat(next.exitCode()).as(next.err()).isZero();
      assertThat(db.fingerprint()).isEqualTo(rows);
    } finally {
      server.destroy();
    }
  }

  @Test
  void aUserWithoutTheRightToAlterTheTableIsToldSoAndNothingChanges() throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 1000);
    db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'jobdb_reader')"
        + " THEN CREATE ROLE jobdb_reader LOGIN; END IF; END $$;"
        + " GRANT SELECT, INSERT, UPDATE ON job_queue TO jobdb_reader;"
        + " GRANT SELECT, USAGE ON SEQUENCE job_queue_id_seq TO jobdb_reader");
    String rows = db.fingerprint();
    String url = db.url().replace("postgres@", "jobdb_reader@");

    CliRun run = CliRun.of("migrate", "up", "--db-url", url, "--backup-dir", dir.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(5);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("permission denied");
    assertThat(db.fingerprint()).isEqualTo(rows);
    assertThat(db.constraintText()).isEqualTo(OLD_CHECK);
    assertThat(snapshots()).isEmpty();
  }

  @Test
  void twoRunsStartedAtTheSameMomentChangeTheDatabaseOnce() throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 20_000);
    String rows = db.fingerprint();
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<CliRun>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      runs.add(CompletableFuture.supplyAsync(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return CliRun.of("migrate", "up", "--db-url", db.url(), "--backup-dir", dir.toString());
      }));
    }
    start.countDown();
    List<CliRun> results = new ArrayList<>();
    for (CompletableFuture<CliRun> run : runs) {
      results.add(run.get(120, TimeUnit.SECONDS));
    }

    assertThat(results).as(results.toString())
        .filteredOn(r -> r.exitCode() == 0 && r.out().contains("ran (online)"))
        .hasSize(1);
    for (CliRun other : results) {
      if (!(other.exitCode() == 0 && other.out().contains("ran (online)"))) {
        // it either found the other's lock, or came after it and found nothing to do
        assertThat(other.exitCode() == 0 ? other.out() : other.err())
            .containsAnyOf("another jobdb is working on", "nothing to do");
      }
    }
    assertThat(db.fingerprint()).isEqualTo(rows);
    assertThat(db.constraintText()).contains("'zombie'::text]))) true\n");
    assertThat(snapshots()).hasSize(1);
  }

  private CompletableFuture<CliRun> start(PgTestDatabase db) {
    return CompletableFuture.supplyAsync(() -> CliRun.of("migrate", "up", "--db-url", db.url(),
        "--backup-dir", dir.toString(), "--lock-timeout", "500", "--lock-attempts", "200"));
  }

  /** Terminates jobdb's working session once it runs (or waits for a lock in) the statement. */
  private static boolean terminate(Connection watcher, String query, boolean waitingForLock)
      throws Exception {
    try (PreparedStatement q = watcher.prepareStatement("SELECT pg_terminate_backend(pid)"
        + " FROM pg_stat_activity WHERE application_name LIKE ? AND state = 'active'"
        + " AND query LIKE ? AND (NOT ? OR wait_event_type = 'Lock')"
        + " AND pid <> pg_backend_pid()")) {
      q.setString(1, JOBDB);
      q.setString(2, query);
      q.setBoolean(3, waitingForLock);
      for (int i = 0; i < 60_000; i++) {
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Polls pg_stat_activity until a session waits for a lock in the statement. */
  private static boolean await(Connection watcher, String query) throws Exception {
    try (PreparedStatement q = watcher.prepareStatement("SELECT count(*) FROM pg_stat_activity"
        + " WHERE state = 'active' AND query LIKE ? AND wait_event_type = 'Lock'"
        + " AND pid <> pg_backend_pid()")) {
      q.setString(1, query);
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

  private static void read(Connection reader) throws Exception {
    try (Statement s = reader.createStatement()) {
      s.executeQuery("SELECT id FROM job_queue LIMIT 1").close();
    }
  }

  private static void execute(Connection c, String sql) {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> snapshots() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".jobdb-pg-snapshot")).toList();
    }
  }

  private List<String> partials() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".partial"))
          .toList();
    }
  }
}
