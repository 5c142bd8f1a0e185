package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jobdb.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path rule through the command line: what the first line of output says. */
class VerifySchemaPathRuleTest {
  @TempDir Path dir;

  @BeforeEach
  void environmentWouldWin() {
    assumeTrue(System.getenv("DB_PATH") == null, "DB_PATH is set in this environment");
  }

  @Test
  void envFileNamesTheDatabaseRelativeToItsFolder() throws Exception {
    Path app = Files.createDirectories(dir.resolve("app/DB")).getParent();
    TestDatabases.deployedAt(app.resolve("DB/tracks.db"));
    Path env = Files.writeString(app.resolve(".env"), "APP_NAME=tracks\nDB_PATH=DB/tracks.db\n");

    CliRun run = CliRun.of("verify-schema", "--env-file", env.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines().get(0))
        .isEqualTo(
            "database: " + app.resolve("DB/tracks.db") + " (DB_PATH in " + env + ", line 2)");
    assertThat(run.outLines().get(2)).startsWith("DRIFT: the database rejects 4 statuses");
  }

  @Test
  void dbFlagBeatsTheEnvFile() throws Exception {
    Path fixed = TestDatabases.appFixed(dir.resolve("fixed.db"));
    Path env = Files.writeString(dir.resolve(".env"), "DB_PATH=database.db\n");

    CliRun run = CliRun.of("verify-schema", "--env-file", env.toString(), "--db", fixed.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines().get(0)).isEqualTo("database: " + fixed + " (--db)");
  }

  @Test
  void jsonNamesTheSourceAndOrigin() throws Exception {
    TestDatabases.deployedAt(dir.resolve("tracks.db"));
    Path env = Files.writeString(dir.resolve(".env"), "DB_PATH=tracks.db\n");

    CliRun run = CliRun.of("verify-schema", "--json", "--env-file", env.toString());

    assertThat(run.out())
        .contains("\"source\" : \"env_file\"")
        .contains("\"origin\" : \"DB_PATH in " + env + ", line 1\"");
  }

  @Test
  void aNotepadEnvFileWithByteOrderMarkAndCrlfNamesTheDatabase() throws Exception {
    Path app = Files.createDirectories(dir.resolve("app/DB")).getParent();
    TestDatabases.appFixed(app.resolve("DB/tracks.db"));
    Path env = Files.writeString(app.resolve(".env"),
        "\uFEFFAPP_NAME=tracks\r\nexport PYTHONPATH=.\r\nDB_PATH=DB/tracks.db\r\n");

    CliRun run = CliRun.of("verify-schema", "--env-file", env.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines().get(0)).isEqualTo(
        "database: " + app.resolve("DB/tracks.db") + " (DB_PATH in " + env + ", line 3)");
  }

  @Test
  void dbPathTwiceOpensTheFirstAndWarnsInTextAndJson() throws Exception {
    TestDatabases.appFixed(dir.resolve("live.db"));
    Path env = Files.writeString(dir.resolve(".env"), "DB_PATH=live.db\nDB_PATH=old.db\n");

    CliRun text = CliRun.of("verify-schema", "--env-file", env.toString());
    CliRun json = CliRun.of("verify-schema", "--json", "--env-file", env.toString());

    assertThat(text.exitCode()).isZero();
    assertThat(text.outLines().get(0)).isEqualTo(
        "database: " + dir.resolve("live.db") + " (DB_PATH in " + env + ", line 1)");
    assertThat(text.outLines().get(1)).isEqualTo("  warning: DB_PATH is set on lines 1, 2 of "
        + env + ": the app's job queue opens " + dir.resolve("live.db") + " (line 1, the first"
        + " starting with DB_PATH=), database.py opens " + dir.resolve("old.db") + " (line 2, the"
        + " last); jobdb follows the job queue, which writes the job statuses");
    assertThat(json.exitCode()).isZero();
    assertThat(json.out()).contains("\"warnings\" : [ \"DB_PATH is set on lines 1, 2 of ");
    assertThat(dir.resolve("old.db")).doesNotExist();
  }
}
