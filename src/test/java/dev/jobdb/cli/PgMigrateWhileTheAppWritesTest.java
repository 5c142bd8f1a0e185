package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.testing.PgTestDatabase;
import dev.jobdb.testing.PgTestDatabase.Kind;
import dev.jobdb.testing.PgWriter;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The app keeps writing while jobdb changes the constraint: no insert is lost, and none waits
 * longer than jobdb's lock timeout (the writer runs with lock_timeout = jobdb's + 1 s, so a longer
 * wait would fail its insert). Rows: system property jobdb.pg.writerRows (CI default 100,000;
 * scripts/bench-postgres.sh measures 1M).
 */
class PgMigrateWhileTheAppWritesTest {
  private static final int ROWS = Integer.getInteger("jobdb.pg.writerRows", 100_000);
  private static final long JOBDB_LOCK_TIMEOUT_MS = 2000;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aWriterInsertingThroughoutMigrateUpLosesNothingAndNeverWaitsPastTheLockTimeout(Kind kind)
      throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(kind, ROWS);
    CliRun run;
    List<Long> written;
    PgWriter writer = PgWriter.start(db, JOBDB_LOCK_TIMEOUT_MS + 1000);
    try (writer) {
      writer.awaitInserts(50);
      run = CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup");
      writer.awaitInserts(50);
    }
    written = writer.ids();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(writer.failures()).isEmpty();
    assertThat(db.count("SELECT count(*) FROM job_queue")).isEqualTo(ROWS + written.size());
    assertThat(db.count("SELECT count(*) FROM job_queue WHERE job_type = 'writer'"))
        .isEqualTo(written.size());
    assertThat(CliRun.of("verify-schema", "--db-url", db.url()).exitCode()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aLongOpenTransactionMakesJobdbGiveUpInsteadOfBlockingTheWriters(Kind kind)
      throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(kind, 1000);
    String before = db.constraintText();
    try (Connection longTransaction = db.connect();
        PgWriter writer = PgWriter.start(db, 1000)) {
      longTransaction.setAutoCommit(false);
      try (Statement s = longTransaction.createStatement()) {
        s.executeQuery("SELECT count(*) FROM job_queue").close(); // holds ACCESS SHARE
      }
      writer.awaitInserts(20);

      CliRun run = CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup", "--lock-timeout", "300",
          "--lock-attempts", "3");
      writer.awaitInserts(20);

      if (kind == Kind.CHECK) {
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("jobdb: gave up so as not to block the app's writers:"
            + " add job_queue_status_check_jobdb_new NOT VALID: lock not granted in 3 attempts"
            + " (held by server pid ")
            .contains("idle in transaction")
            .contains("Nothing was changed");
        assertThat(db.constraintText()).isEqualTo(before);
      } else {
        // ALTER TYPE ... ADD VALUE does not lock the table: a reader does not hold it up.
        assertThat(run.exitCode()).as(run.err()).isZero();
      }
      assertThat(writer.failures()).isEmpty();
      longTransaction.rollback();
    }
  }
}
