package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.testing.PgTestDatabase;
import dev.jobdb.testing.PgTestDatabase.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The snapshot migrate up takes, restore, status and the one-jobdb-at-a-time lock. */
class PgSnapshotRestoreStatusTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void migrateUpSnapshotsFirstAndRestorePutsRowsSequenceAndCheckBack(Kind kind)
      throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(kind, 3000);
    db.execute("DELETE FROM job_queue WHERE id = 2999"); // the sequence is ahead of max(id)
    db.execute("UPDATE job_queue SET job_data = E'tab\\there\\nline ''quoted'' \\\\ back'"
        + " WHERE id = 1; UPDATE job_queue SET error_message = NULL, log_file_path = ''"
        + " WHERE id = 2");
    String rows = db.fingerprint();
    String constraint = db.constraintText();

    CliRun up = CliRun.of("migrate", "up", "--db-url", db.url(), "--backup-dir", dir.toString());
    assertThat(up.exitCode()).as(up.err()).isZero();
    Path snapshot = onlySnapshot();
    assertThat(up.out()).contains("backup:   " + snapshot + " (verified, 2999 jobs)");

    db.execute("INSERT INTO job_queue (job_type, job_data, status) VALUES ('x', '{}', 'zombie');"
        + " DELETE FROM job_queue WHERE id < 100; UPDATE job_queue SET priority = 99");
    CliRun restore = CliRun.of("restore", "--db-url", db.url(), "--from", snapshot.toString(),
        "--backup-dir", dir.resolve("safety").toString());

    assertThat(restore.exitCode()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("after:     2999 jobs: completed 2130,");
    assertThat(db.fingerprint()).isEqualTo(rows);
    if (kind == Kind.CHECK) {
      assertThat(db.constraintText()).isEqualTo(constraint);
    } else {
      // PostgreSQL cannot remove enum values; the rows are the snapshot's, the type stays wider
      assertThat(db.constraintText()).endsWith(",zombie");
    }
    try (Stream<Path> safety = Files.list(dir.resolve("safety"))) {
      assertThat(safety.toList()).hasSize(1);
    }
    // the history goes back with the table: the snapshot was taken before anything was recorded
    assertThat(db.count("SELECT count(*) FROM databasechangelog")).isZero();
    CliRun status = CliRun.of("status", "--db-url", db.url(), "--backup-dir", dir.toString());
    assertThat(status.out()).contains("changesets:  0 applied, 11 pending")
        .contains("snapshots:   1 taking ");
    CliRun again = CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).containsPattern("003-status-accepts-all-job-statuses +"
        + (kind == Kind.CHECK ? "ran \\(online\\)" : "adopted"));
    assertThat(db.fingerprint()).isEqualTo(rows);
  }

  @Test
  void restoreRefusesAFileThatIsNotASnapshotAndChangesNothing() throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 10);
    Path junk = Files.writeString(dir.resolve("junk.txt"), "hello\n1\t2\n");
    String before = db.fingerprint();

    CliRun run = CliRun.of("restore", "--db-url", db.url(), "--from", junk.toString(),
        "--backup-dir", dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("jobdb: " + junk + " is not a jobdb PostgreSQL"
        + " snapshot: pass --from a file named *.jobdb-pg-snapshot");
    assertThat(db.fingerprint()).isEqualTo(before);
  }

  @Test
  void statusShowsWhatTheColumnAcceptsAndWhetherMigrateUpIsPending() {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.ENUM, 10);

    CliRun before = CliRun.of("status", "--db-url", db.url());
    CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup");
    CliRun after = CliRun.of("status", "--db-url", db.url());

    assertThat(before.exitCode()).isZero();
    assertThat(before.out()).contains("changesets:  0 applied, 11 pending")
        .contains("constraint:  job_queue.status accepts pending, running, completed, failed,"
            + " cancelled\n");
    assertThat(after.out()).contains("changesets:  11 applied, 0 pending")
        .contains("constraint:  job_queue.status accepts pending, running, completed, failed,"
            + " cancelled, timeout, retrying, dead_letter, zombie\n");
  }

  @Test
  void aSecondJobdbIsToldWhichOneHoldsTheDatabase() throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 10);
    String before = db.constraintText();
    try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
      s.execute("SET application_name = 'jobdb migrate up (pid 4242)'");
      s.execute("SELECT pg_advisory_lock(1785684580, 6446961)"); // jobdb's keys: 'jobd', 'b_q'

      CliRun run = CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup");

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.errLines()).hasSize(1);
      assertThat(run.err()).startsWith("jobdb: another jobdb is working on " + db.url()
          + " (--db-url) (jobdb migrate up (pid 4242), server pid ")
          .endsWith("wait for it to finish, then run again\n");
      assertThat(db.constraintText()).isEqualTo(before);
    }
    assertThat(CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup").exitCode())
        .isZero();
  }

  private Path onlySnapshot() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> snapshots = files.filter(p -> p.toString().endsWith(".jobdb-pg-snapshot"))
          .toList();
      assertThat(snapshots).hasSize(1);
      return snapshots.get(0);
    }
  }
}
