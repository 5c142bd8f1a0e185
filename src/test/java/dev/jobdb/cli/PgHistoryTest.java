package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.testing.PgTestDatabase;
import dev.jobdb.testing.PgTestDatabase.Kind;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** PostgreSQL keeps the same Liquibase history as SQLite, and adopts what an older jobdb did. */
class PgHistoryTest {
  private static final String NINE_CHECK = "job_queue_status_check CHECK ((status = ANY"
      + " (ARRAY['pending'::text, 'running'::text, 'completed'::text, 'failed'::text,"
      + " 'cancelled'::text, 'timeout'::text, 'retrying'::text, 'dead_letter'::text,"
      + " 'zombie'::text]))) true\n";

  @Test
  void theHistoryRecordsTheSameChangesetsAndChecksumsAsOnSqlite() {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 100);

    CliRun up = CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup");

    assertThat(up.exitCode()).as(up.err()).isZero();
    Map<String, String> recorded = new TreeMap<>();
    for (String row : db.text("SELECT string_agg(id || ' ' || md5sum, '|' ORDER BY id)"
        + " FROM databasechangelog WHERE id NOT LIKE '003a-%'").split("\\|")) {
      recorded.put(row.substring(0, row.indexOf(' ')), row.substring(row.indexOf(' ') + 1));
    }
    assertThat(recorded).isEqualTo(IndexRecreationTest.CHECKSUMS_OF_001_TO_003);
    assertThat(db.text("SELECT string_agg(filename, ',' ORDER BY orderexecuted) FROM"
        + " databasechangelog WHERE id LIKE '00%' AND id NOT LIKE '003a-%'"))
        .isEqualTo("changelogs/001-create-job-queue.yaml,changelogs/002-error-handling-columns.yaml,"
            + "changelogs/003-status-accepts-all-job-statuses.yaml");
    assertThat(db.text("SELECT string_agg(exectype, ',' ORDER BY orderexecuted) FROM"
        + " databasechangelog")).isEqualTo("MARK_RAN,".repeat(10) + "EXECUTED");
  }

  /**
   * jobdb 1 changed the constraint on PostgreSQL without recording anything: its work is adopted,
   * nothing is changed again, and rolling back to 002 still means the 5 statuses.
   */
  @Test
  void aDatabaseTheLandedJobdbMigratedSeesItsChangesetsAsApplied() {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 100);
    db.execute("ALTER TABLE job_queue DROP CONSTRAINT job_queue_status_check;"
        + " ALTER TABLE job_queue ADD CONSTRAINT job_queue_status_check CHECK (status IN"
        + " ('pending', 'running', 'completed', 'failed', 'cancelled', 'timeout', 'retrying',"
        + " 'dead_letter', 'zombie'))");
    String rows = db.fingerprint();

    CliRun up = CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup");

    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out()).containsPattern("003-status-accepts-all-job-statuses +adopted\n")
        .doesNotContain("ran (online)");
    assertThat(db.constraintText()).isEqualTo(NINE_CHECK);
    assertThat(db.fingerprint()).isEqualTo(rows);
    assertThat(CliRun.of("migrate", "up", "--db-url", db.url()).out())
        .contains("nothing to do: every changeset is applied");

    CliRun back = CliRun.of("rollback", "--db-url", db.url(), "--no-backup", "--to",
        "002-error-handling-columns");
    assertThat(back.exitCode()).as(back.err()).isZero();
    assertThat(db.constraintText()).contains("'cancelled'::text]))) true\n")
        .doesNotContain("zombie");
    assertThat(db.fingerprint()).isEqualTo(rows);
  }

  /**
   * jobdb's advisory lock keeps out a jobdb on any host, so a Liquibase lock row any jobdb left is
   * cleared; a row another tool holds is not (it may be at work).
   */
  @Test
  void aLiquibaseLockAnyKilledJobdbLeftIsClearedAnotherToolsIsNot() {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 100);
    assertThat(CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup").exitCode())
        .isZero();
    db.execute("UPDATE databasechangeloglock SET locked = TRUE, lockgranted = now(),"
        + " lockedby = 'worker-7#jobdb-pid-4242 (10.0.0.9)'");

    CliRun cleared = CliRun.of("rollback", "--db-url", db.url(), "--no-backup");

    assertThat(cleared.exitCode()).as(cleared.err()).isZero();
    assertThat(cleared.out()).contains("cleared a Liquibase lock left by a killed run"
        + " (worker-7#jobdb-pid-4242 (10.0.0.9)");
    String constraint = db.constraintText();
    db.execute("UPDATE databasechangeloglock SET locked = TRUE, lockgranted = now(),"
        + " lockedby = 'laptop#liquibase-cli (10.0.0.5)'");

    CliRun refused = CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup");

    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.err()).contains("is held by laptop#liquibase-cli (10.0.0.5)");
    assertThat(db.constraintText()).isEqualTo(constraint);
    assertThat(db.text("SELECT lockedby FROM databasechangeloglock"))
        .isEqualTo("laptop#liquibase-cli (10.0.0.5)");
  }
}
