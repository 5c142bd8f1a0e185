package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.ExitCode;
import dev.jobdb.testing.PgTestDatabase;
import dev.jobdb.testing.PgTestDatabase.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL rollback with --remap whose VALIDATE fails after the remap has committed: the
 * remapped rows go back, the snapshot is kept only if something stays changed, and the message
 * says what happened. And a remap with a snapshot, which the other PostgreSQL tests skip.
 */
class PgRemapFailureTest {
  @TempDir Path dir;

  /**
   * A worker's transaction writes 'timeout' (a status the narrower constraint rejects, and one no
   * row held when jobdb planned its remap) and stays open until jobdb waits for its lock. It then
   * commits: the ADD NOT VALID goes in, the remap moves only the statuses jobdb planned for, and
   * VALIDATE meets the 'timeout' row.
   */
  @Test
  void aFailedValidateBringsTheRemappedRowsBackAndSaysSo() throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 300);
    assertThat(CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup").exitCode()).isZero();
    db.execute("UPDATE job_queue SET status = 'zombie' WHERE id IN (5, 6)");
    String before = db.fingerprint();
    long sequence = db.count("SELECT last_value FROM job_queue_id_seq");

    CompletableFuture<Void> worker;
    CliRun run;
    try (Connection w = db.connect()) {
      w.setAutoCommit(false);
      try (Statement s = w.createStatement()) {
        s.execute("INSERT INTO job_queue (job_type, job_data, status) VALUES"
            + " ('late', '{}', 'timeout')");
      }
      worker = CompletableFuture.runAsync(() -> commitOnceJobdbWaits(db, w));
      run = CliRun.of("rollback", "--db-url", db.url(), "--backup-dir", dir.toString(),
          "--remap", "zombie=failed", "--lock-timeout", "300", "--lock-attempts", "20");
      worker.get();
    }

    assertThat(run.exitCode()).as(run.out() + run.err())
        .isEqualTo(ExitCode.FAILED_ROLLED_BACK.code());
    assertThat(run.errLines()).singleElement().asString()
        .contains("validate").contains("timeout")
        .contains("the 2 rows remapped zombie -> failed are back in zombie");
    assertThat(db.text("SELECT string_agg(status, ',' ORDER BY id) FROM job_queue"
        + " WHERE id IN (5, 6)")).isEqualTo("zombie,zombie");
    db.execute("DELETE FROM job_queue WHERE job_type = 'late'; SELECT setval('job_queue_id_seq', "
        + sequence + ")"); // the worker's row and the id it drew are not jobdb's doing
    assertThat(db.fingerprint()).isEqualTo(before);
    assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conname LIKE '%jobdb_new'"))
        .isZero();
    assertThat(snapshots()).as("nothing stayed changed: no snapshot is needed").isEmpty();
  }

  @Test
  void aRemapWithASnapshotMovesEveryRowAndKeepsTheSnapshot() throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 300);
    assertThat(CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup").exitCode()).isZero();
    db.execute("UPDATE job_queue SET status = 'retrying' WHERE id BETWEEN 10 AND 19");

    CliRun run = CliRun.of("rollback", "--db-url", db.url(), "--backup-dir", dir.toString(),
        "--remap", "retrying=pending");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("remapped retrying -> pending: 10 rows");
    assertThat(db.count("SELECT count(*) FROM job_queue WHERE status = 'retrying'")).isZero();
    assertThat(db.count("SELECT count(*) FROM job_queue")).isEqualTo(300);
    assertThat(snapshots()).hasSize(1);
  }

  /** Commits the worker's transaction once jobdb's ADD waits behind it for the table's lock. */
  private static void commitOnceJobdbWaits(PgTestDatabase db, Connection worker) {
    try {
      for (int i = 0; i < 600 && db.count("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a"
          + " USING (pid) WHERE NOT l.granted AND a.application_name LIKE 'jobdb%'") == 0; i++) {
        Thread.sleep(50);
      }
      worker.commit();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private java.util.List<Path> snapshots() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
