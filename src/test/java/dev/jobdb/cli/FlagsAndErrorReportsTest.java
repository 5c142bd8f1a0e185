package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobdb.ExitCode;
import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A flag that does not apply to the database at hand is refused, never silently ignored; a
 * failure's JSON names the database the run was given; exit codes say what happened.
 */
class FlagsAndErrorReportsTest {
  /** Nothing listens on port 1: a PostgreSQL run fails only if it ever tries to connect. */
  private static final String NO_SERVER = "postgresql://jobdb:s3cret@127.0.0.1:1/queue";

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
      "migrate up --lock-timeout 100, --lock-timeout",
      "migrate up --lock-attempts 2, --lock-attempts",
      "rollback --rewrite-enum, --rewrite-enum"})
  void postgresFlagsOnSqliteAreRefusedAndNothingChanges(String args, String flag)
      throws Exception {
    Path db = TestDatabases.deployed(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun run = CliRun.of(withDb(args, "--db", db.toString()));

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.errLines()).containsExactly("jobdb: " + flag + " does not apply to a SQLite"
        + " database: " + reasonOnSqlite(flag) + "; drop " + flag);
    assertThat(DatabaseFingerprint.of(db)).isEqualTo(before);
  }

  @ParameterizedTest
  @CsvSource({
      "migrate up --create, --create",
      "migrate up --rebuild, --rebuild",
      "status --busy-timeout 5, --busy-timeout",
      "verify-schema --check full, --check"})
  void sqliteFlagsOnPostgresAreRefusedBeforeConnecting(String args, String flag) {
    CliRun run = CliRun.of(withDb(args, "--db-url", NO_SERVER));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.errLines()).singleElement().asString()
        .startsWith("jobdb: " + flag + " does not apply to a PostgreSQL database: ");
    assertThat(run.err()).doesNotContain("s3cret");
  }

  @Test
  void aPostgresFailureInJsonNamesTheServerNeverTracksDbOrThePassword() throws Exception {
    CliRun run = CliRun.of("verify-schema", "--json", "--db-url", NO_SERVER);

    assertThat(run.exitCode()).isEqualTo(ExitCode.DATABASE_UNUSABLE.code());
    JsonNode database = new ObjectMapper().readTree(run.out()).get("error").get("database");
    assertThat(database.get("url").asText()).isEqualTo("postgresql://jobdb@127.0.0.1:1/queue");
    assertThat(database.get("origin").asText()).isEqualTo("--db-url");
    assertThat(database.has("path")).isFalse();
    assertThat(run.out()).doesNotContain("tracks.db").doesNotContain("s3cret");
  }

  @Test
  void aFlagRefusedOnPostgresStillNamesTheServerInJson() throws Exception {
    CliRun run = CliRun.of("migrate", "up", "--json", "--rebuild", "--db-url", NO_SERVER);

    JsonNode error = new ObjectMapper().readTree(run.out()).get("error");
    assertThat(error.get("kind").asText()).isEqualTo("usage");
    assertThat(error.get("database").get("url").asText()).contains("127.0.0.1:1/queue");
  }

  @Test
  void anUnexpectedExceptionIsItsOwnExitCodeNotDatabaseUnusable() {
    assertThat(ErrorHandler.exitCodeOf(new IllegalStateException("a bug")))
        .isEqualTo(ExitCode.UNEXPECTED.code())
        .isNotEqualTo(ExitCode.DATABASE_UNUSABLE.code());
  }

  private static String reasonOnSqlite(String flag) {
    return flag.equals("--rewrite-enum")
        ? "SQLite has no enum types: the CHECK constraint is changed in place"
        : "SQLite waits for the app's writers under --busy-timeout instead";
  }

  private static String[] withDb(String args, String dbFlag, String db) {
    String[] words = args.split(" ");
    String[] all = new String[words.length + 2];
    System.arraycopy(words, 0, all, 0, words.length);
    all[words.length] = dbFlag;
    all[words.length + 1] = db;
    return all;
  }
}
