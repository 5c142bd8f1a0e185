package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.testing.PgTestDatabase;
import dev.jobdb.testing.PgTestDatabase.Kind;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL rollback returns to the set before the changeset whose set the column holds, read
 * from the changelog (the built-in one, or the app's folder with a 004 that added 'paused'), not
 * to a fixed list of five.
 */
class PgRollbackTargetTest {
  private static final String NINE =
      "pending,running,completed,failed,cancelled,timeout,retrying,dead_letter,zombie";

  @TempDir Path dir;

  @Test
  void rollbackAfter004ReturnsToTheNineStatusesOf003() throws Exception {
    Path enumFile = AppFolder.write(dir.resolve("services/job_types.py"),
        AppFolder.withMemberAfterZombie("PAUSED = \"paused\""));
    Path changelog = dir.resolve("db/changelog");
    Path sqlite = TestDatabases.deployed(dir);
    assertThat(CliRun.of("migrate", "up", "--db", sqlite.toString(), "--no-backup").exitCode())
        .isZero();
    CliRun diff = CliRun.of("migrate", "diff", "--db", sqlite.toString(), "--enum",
        enumFile.toString(), "--changelog", changelog.toString());
    assertThat(diff.exitCode()).as(diff.err()).isZero();
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 200);
    CliRun up = CliRun.of("migrate", "up", "--db-url", db.url(), "--enum", enumFile.toString(),
        "--no-backup");
    assertThat(up.exitCode()).as(up.err()).isZero();

    CliRun first = CliRun.of("rollback", "--db-url", db.url(), "--changelog",
        changelog.toString(), "--no-backup");
    String afterFirst = db.constraintText();
    CliRun second = CliRun.of("rollback", "--db-url", db.url(), "--changelog",
        changelog.toString(), "--no-backup");
    CliRun third = CliRun.of("rollback", "--db-url", db.url(), "--changelog",
        changelog.toString(), "--no-backup");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("accepts:  " + NINE.replace(",", ", "));
    assertThat(afterFirst).doesNotContain("paused").contains("zombie");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out())
        .contains("accepts:  pending, running, completed, failed, cancelled\n");
    assertThat(third.exitCode()).as(third.err()).isZero();
    assertThat(third.out()).contains("nothing to do");
  }

  @Test
  void aConstraintNoChangesetSetIsRefusedAndLeftAlone() {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 50);
    db.execute("ALTER TABLE job_queue DROP CONSTRAINT job_queue_status_check;"
        + " ALTER TABLE job_queue ADD CONSTRAINT job_queue_status_check"
        + " CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled', 'odd'))");
    String before = db.constraintText();

    CliRun run = CliRun.of("rollback", "--db-url", db.url(), "--no-backup");

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.errLines()).singleElement().asString()
        .contains("which no status changeset of the changelog set");
    assertThat(db.constraintText()).isEqualTo(before);
  }
}
