package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's "done when", step by step: the app's folder with its enum (PAUSED added), a .env naming
 * the database, the enum and a changelog folder that does not exist yet, and the deployed pre-fix
 * database.
 */
class FollowTheAppWalkThroughTest {
  private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

  @TempDir Path app;

  @Test
  void fromThePreFixDatabaseToAnAppThatCanWritePaused() throws Exception {
    Path db = TestDatabases.deployedAt(app.resolve("tracks.db"));
    AppFolder.write(app.resolve("services/job_types.py"),
        AppFolder.withMemberAfterZombie("PAUSED = \"paused\"          # остановлена вручную"));
    Path env = AppFolder.write(app.resolve(".env"), "DB_PATH=tracks.db\n"
        + "JOBDB_ENUM=services/job_types.py\nJOBDB_CHANGELOG=db/changelog\n");
    String envFile = env.toString();

    CliRun verify = CliRun.of("verify-schema", "--env-file", envFile);
    assertThat(verify.exitCode()).as(verify.out()).isEqualTo(1);
    assertThat(verify.outLines()).contains("DRIFT: the database rejects 5 statuses the app writes:"
        + " timeout, retrying, dead_letter, zombie, paused");

    CliRun early = CliRun.of("migrate", "diff", "--env-file", envFile);
    assertThat(early.exitCode()).isEqualTo(4);
    assertThat(early.err()).contains("11 changesets are pending")
        .contains("run `jobdb migrate up` first");
    assertThat(app.resolve("db")).doesNotExist();

    CliRun up = CliRun.of("migrate", "up", "--env-file", envFile, "--no-backup");
    assertThat(up.exitCode()).as(up.err()).isZero();
    CliRun verifyAgain = CliRun.of("verify-schema", "--env-file", envFile);
    assertThat(verifyAgain.exitCode()).isEqualTo(1);
    assertThat(verifyAgain.outLines())
        .contains("DRIFT: the database rejects 1 status the app writes: paused");

    CliRun diff = CliRun.of("migrate", "diff", "--env-file", envFile);
    assertThat(diff.exitCode()).as(diff.err()).isZero();
    Path written = app.resolve("db/changelog/004-status-accepts-paused.yaml");
    assertThat(diff.out()).contains("wrote:     " + written);
    assertThat(written).isRegularFile();

    CliRun upAgain = CliRun.of("migrate", "up", "--env-file", envFile, "--no-backup");
    assertThat(upAgain.exitCode()).as(upAgain.err()).isZero();
    assertThat(upAgain.out()).containsPattern("004-status-accepts-paused +ran \\(in place\\)\n");
    CliRun inSync = CliRun.of("verify-schema", "--env-file", envFile);
    assertThat(inSync.exitCode()).as(inSync.out()).isZero();

    pauseJobOneAsTheAppWould(db);
    assertThat(TestDatabases.strings(db, "SELECT status FROM job_queue WHERE id = 1"))
        .containsExactly("paused");

    CliRun rollback = CliRun.of("rollback", "--env-file", envFile, "--no-backup");
    assertThat(rollback.exitCode()).isEqualTo(4);
    assertThat(rollback.err()).contains("paused (1 row, id 1)");

    assertThat(TestDatabases.strings(db, "SELECT ID FROM DATABASECHANGELOG GROUP BY ID, AUTHOR"
        + " HAVING count(*) > 1")).isEmpty();
    List<String> ids = TestDatabases.strings(db,
        "SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED");
    assertThat(ids).hasSize(12).doesNotHaveDuplicates()
        .startsWith("001-create-job-queue", "002-error-handling-columns")
        .endsWith("003-status-accepts-all-job-statuses", "004-status-accepts-paused");
  }

  /** The app's own write: Python's sqlite3 module when the system has it, else JDBC. */
  private static void pauseJobOneAsTheAppWould(Path db) throws Exception {
    String update = "UPDATE job_queue SET status = 'paused' WHERE id = 1";
    if (!Files.isExecutable(SYSTEM_PYTHON)) {
      TestDatabases.execute(db, update);
      return;
    }
    Process python = new ProcessBuilder(SYSTEM_PYTHON.toString(), "-c",
        "import sqlite3, sys\n"
            + "c = sqlite3.connect(sys.argv[1], timeout=30)\n"
            + "c.execute(\"" + update + "\")\n"
            + "c.commit()\n", db.toString())
        .redirectErrorStream(true).start();
    python.getOutputStream().close();
    // Not a speed check: only keeps a hung process from hanging the build.
    assertThat(python.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.exitValue()).as(output).isZero();
  }
}
