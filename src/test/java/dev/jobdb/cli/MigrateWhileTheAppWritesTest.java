package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.fixture.DeployedDatabase.Shape;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** The app's workers keep writing while jobdb migrates: every write lands, before or after. */
class MigrateWhileTheAppWritesTest {
  @TempDir Path dir;

  @Test
  void everyJobAWorkerInsertsDuringTheMigrationIsThereAfterwards() throws Exception {
    Path db = dir.resolve("tracks.db");
    DeployedDatabase.create(db, Shape.scaled(50_000));
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<List<Long>> worker = CompletableFuture.supplyAsync(() -> insertUntil(db, stop));

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString());
    stop.set(true);
    List<Long> inserted = worker.join();

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(inserted).isNotEmpty();
    assertThat(TestDatabases.count(db, "SELECT count(*) FROM job_queue")).isEqualTo(50_000 + inserted.size());
    assertThat(TestDatabases.count(db, "SELECT count(*) FROM job_queue WHERE job_type = 'worker'"))
        .isEqualTo(inserted.size());
    assertThat(TestDatabases.strings(db, "PRAGMA integrity_check")).containsExactly("ok");
  }

  @Test
  void aWriterWithAFiveSecondBusyTimeoutLosesNothingThroughUpRollbackAndUpAgain() throws Exception {
    Path db = dir.resolve("tracks.db");
    DeployedDatabase.create(db, Shape.scaled(200_000));
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<List<Long>> writer =
        CompletableFuture.supplyAsync(() -> insertEvery(db, stop, 5_000, 50));

    List<CliRun> runs = new ArrayList<>();
    runs.add(CliRun.of("migrate", "up", "--db", db.toString()));
    runs.add(CliRun.of("rollback", "--db", db.toString()));
    runs.add(CliRun.of("migrate", "up", "--db", db.toString()));
    stop.set(true);
    List<Long> inserted = writer.join();

    for (CliRun run : runs) {
      assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
      assertThat(run.out()).contains("(in place)");
    }
    assertThat(TestDatabases.count(db, "SELECT count(*) FROM job_queue"))
        .isEqualTo(200_000 + inserted.size());
    assertThat(TestDatabases.strings(db, "SELECT id FROM job_queue WHERE job_type = 'worker'"
        + " ORDER BY id").stream().map(Long::valueOf).toList()).isEqualTo(inserted);
    assertThat(TestDatabases.strings(db, "PRAGMA integrity_check")).containsExactly("ok");
  }

  /**
   * Like the app's worker: 30 s busy timeout, WAL, one short {@code BEGIN IMMEDIATE} transaction
   * per job (in autocommit mode, as Python's sqlite3 does it, so no lock is held between jobs).
   */
  private static List<Long> insertUntil(Path db, AtomicBoolean stop) {
    return insertEvery(db, stop, 30_000, 5);
  }

  /** Fails (and so fails the test) on the first insert that waits past {@code busyMillis}. */
  private static List<Long> insertEvery(Path db, AtomicBoolean stop, int busyMillis,
      long pauseMillis) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(busyMillis);
    List<Long> ids = new ArrayList<>();
    try (Connection c = config.createConnection("jdbc:sqlite:" + db)) {
      try (PreparedStatement insert = c.prepareStatement(
              "INSERT INTO job_queue (job_type, job_data, status) VALUES ('worker', '{}', 'pending')");
          Statement s = c.createStatement()) {
        do {
          s.execute("BEGIN IMMEDIATE");
          insert.executeUpdate();
          try (var rs = s.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            ids.add(rs.getLong(1));
          }
          s.execute("COMMIT");
          Thread.sleep(pauseMillis);
        } while (!stop.get() || ids.size() < 3);
      }
    } catch (Exception e) {
      throw new IllegalStateException("the worker failed after " + ids.size() + " jobs", e);
    }
    return ids;
  }
}
