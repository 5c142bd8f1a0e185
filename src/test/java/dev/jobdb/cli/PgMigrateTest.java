package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.testing.PgTestDatabase;
import dev.jobdb.testing.PgTestDatabase.Kind;
import org.junit.jupiter.api.Test;

/** migrate up and rollback against a real PostgreSQL, on a CHECK table and an enum column. */
class PgMigrateTest {
  private static final String NINE = "pending,running,completed,failed,cancelled,timeout,"
      + "retrying,dead_letter,zombie";

  @Test
  void checkTableWidensOnlineAndKeepsEveryRowColumnIndexAndSequence() {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 2000);
    String before = db.fingerprint();

    CliRun up = CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup");

    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out()).contains("add job_queue_status_check_jobdb_new NOT VALID")
        .contains("validate job_queue_status_check_jobdb_new (reads and writes go on)")
        .contains("drop job_queue_status_check, rename job_queue_status_check_jobdb_new to"
            + " job_queue_status_check")
        .contains("job_queue.status accepts " + NINE.replace(",", ", "))
        .containsPattern("003-status-accepts-all-job-statuses +ran \\(online\\)");
    assertThat(db.fingerprint()).isEqualTo(before);
    assertThat(db.constraintText()).isEqualTo("job_queue_status_check CHECK ((status = ANY"
        + " (ARRAY['pending'::text, 'running'::text, 'completed'::text, 'failed'::text,"
        + " 'cancelled'::text, 'timeout'::text, 'retrying'::text, 'dead_letter'::text,"
        + " 'zombie'::text]))) true\n");
    assertThat(CliRun.of("verify-schema", "--db-url", db.url()).exitCode()).isZero();

    CliRun again = CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("nothing to do");
  }

  @Test
  void rollbackRefusesOverARowInANewStatusThenNarrowsWhenThereIsNone() {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 300);
    assertThat(CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup").exitCode()).isZero();
    db.execute("UPDATE job_queue SET status = 'zombie' WHERE id IN (7, 8)");
    String constraint = db.constraintText();
    String rows = db.fingerprint();

    CliRun refused = CliRun.of("rollback", "--db-url", db.url(), "--no-backup");

    assertThat(refused.exitCode()).isEqualTo(4);
    assertThat(refused.errLines()).containsExactly("jobdb: refused: job_queue has rows in"
        + " statuses the narrower constraint rejects: zombie (2 rows, ids 7, 8). Nothing was"
        + " changed. Either map each with --remap zombie=failed, or keep the migration");
    assertThat(db.constraintText()).isEqualTo(constraint);
    assertThat(db.fingerprint()).isEqualTo(rows);

    db.execute("UPDATE job_queue SET status = 'failed' WHERE id IN (7, 8)");
    CliRun narrowed = CliRun.of("rollback", "--db-url", db.url(), "--no-backup");
    assertThat(narrowed.exitCode()).as(narrowed.err()).isZero();
    assertThat(db.constraintText()).isEqualTo("job_queue_status_check CHECK ((status = ANY"
        + " (ARRAY['pending'::text, 'running'::text, 'completed'::text, 'failed'::text,"
        + " 'cancelled'::text]))) true\n");
    assertThat(CliRun.of("verify-schema", "--db-url", db.url()).exitCode()).isEqualTo(1);
  }

  @Test
  void rollbackWithRemapMovesTheRowsInTheSameStepAsTheNewConstraint() {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 300);
    assertThat(CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup").exitCode()).isZero();
    db.execute("UPDATE job_queue SET status = 'retrying' WHERE id = 5");

    CliRun run = CliRun.of("rollback", "--db-url", db.url(), "--no-backup", "--remap", "retrying=pending");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("remapped retrying -> pending: 1 row");
    assertThat(db.text("SELECT status FROM job_queue WHERE id = 5")).isEqualTo("pending");
    assertThat(db.count("SELECT count(*) FROM job_queue")).isEqualTo(300);
  }

  @Test
  void enumColumnGainsTheValuesInJobStatusOrder() {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.ENUM, 500);
    String before = db.fingerprint();

    CliRun up = CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup");

    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out()).contains("add value zombie to enum type public.job_status");
    assertThat(db.constraintText()).endsWith("\n" + NINE);
    assertThat(db.fingerprint()).isEqualTo(before);
    assertThat(CliRun.of("verify-schema", "--db-url", db.url()).exitCode()).isZero();
    db.execute("INSERT INTO job_queue (job_type, job_data, status) VALUES ('t', '{}', 'zombie')");
    assertThat(CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup").out())
        .contains("nothing to do");
  }

  @Test
  void narrowingAnEnumRefusesWithTheReasonUnlessTheRewriteIsAccepted() {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.ENUM, 500);
    assertThat(CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup").exitCode()).isZero();
    db.execute("UPDATE job_queue SET status = 'dead_letter' WHERE id = 3");
    String before = db.fingerprint() + db.constraintText();

    CliRun unmapped = CliRun.of("rollback", "--db-url", db.url(), "--no-backup", "--rewrite-enum");
    assertThat(unmapped.exitCode()).isEqualTo(4);
    assertThat(unmapped.err()).contains("dead_letter (1 row, id 3)");

    CliRun refused = CliRun.of("rollback", "--db-url", db.url(), "--no-backup", "--remap", "dead_letter=failed");
    assertThat(refused.exitCode()).isEqualTo(4);
    assertThat(refused.errLines()).hasSize(1);
    assertThat(refused.err()).contains("PostgreSQL cannot remove values (timeout, retrying,"
        + " dead_letter, zombie) from enum type public.job_status in place")
        .contains("--rewrite-enum");
    assertThat(db.fingerprint() + db.constraintText()).isEqualTo(before);

    CliRun rewritten = CliRun.of("rollback", "--db-url", db.url(), "--no-backup", "--remap",
        "dead_letter=failed", "--rewrite-enum");
    assertThat(rewritten.exitCode()).as(rewritten.err()).isZero();
    assertThat(db.constraintText()).endsWith("\npending,running,completed,failed,cancelled");
    assertThat(db.text("SELECT status FROM job_queue WHERE id = 3")).isEqualTo("failed");
    assertThat(db.count("SELECT count(*) FROM job_queue")).isEqualTo(500);
    assertThat(db.text("SELECT column_default FROM information_schema.columns"
        + " WHERE table_name = 'job_queue' AND column_name = 'status'"))
        .isEqualTo("'pending'::job_status");
    assertThat(db.count("SELECT count(*) FROM pg_indexes WHERE tablename = 'job_queue'"))
        .isEqualTo(9);
  }

  @Test
  void aVarcharColumnWithSeveralStatusChecksEndsWithOneNamedCheck() {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 50);
    db.execute("ALTER TABLE job_queue DROP CONSTRAINT job_queue_status_check;"
        + " ALTER TABLE job_queue ALTER COLUMN status TYPE varchar(20);"
        + " ALTER TABLE job_queue ADD CONSTRAINT only_known CHECK (status IN ('pending',"
        + " 'running', 'completed', 'failed', 'cancelled', 'timeout'));"
        + " ALTER TABLE job_queue ADD CONSTRAINT not_empty CHECK (length(status) > 0);"
        + " ALTER TABLE job_queue ADD CONSTRAINT started_when_running"
        + " CHECK (status <> 'running' OR worker_id IS NOT NULL)");
    String rows = db.fingerprint();

    CliRun up = CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup");

    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out()).contains("drop not_empty, only_known, rename")
        .contains("left started_when_running alone: it reads other columns besides status");
    assertThat(db.constraintText()).startsWith("job_queue_status_check CHECK"
        + " (((status)::text = ANY ((ARRAY['pending'::character varying,")
        .contains("'zombie'::character varying])::text[]))) true\nstarted_when_running");
    assertThat(db.fingerprint()).isEqualTo(rows);
    // the CHECK that also reads worker_id stays unverifiable, as on SQLite; no value is rejected
    assertThat(CliRun.of("verify-schema", "--db-url", db.url()).out())
        .containsPattern("ok +rejected statuses +none: every JobStatus value is accepted")
        .containsPattern("DRIFT +unverifiable +pending, running");
  }

  @Test
  void aTableWithoutAnyStatusConstraintNeedsNothing() {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 5);
    db.execute("ALTER TABLE job_queue DROP CONSTRAINT job_queue_status_check");

    CliRun up = CliRun.of("migrate", "up", "--db-url", db.url(), "--no-backup");

    assertThat(up.exitCode()).isZero();
    assertThat(up.out()).containsPattern("003-status-accepts-all-job-statuses +adopted\n");
    assertThat(db.text("SELECT count(*) FROM pg_constraint WHERE conrelid ="
        + " 'job_queue'::regclass AND contype = 'c'")).isEqualTo("0");
  }
}
