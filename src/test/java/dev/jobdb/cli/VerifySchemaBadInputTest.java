package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input: its exit code, one line on stderr, and no file created anywhere. */
class VerifySchemaBadInputTest {
  @TempDir Path dir;

  @BeforeEach
  void environmentWouldWin() {
    assumeTrue(System.getenv("DB_PATH") == null, "DB_PATH is set in this environment");
  }

  @Test
  void missingFileIsNamedWithItsSourceAndNotCreated() throws IOException {
    Path missing = dir.resolve("missing.db");

    CliRun run = verifyUnchanged("--db", missing.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertOneLine(run, "jobdb: database not found: " + missing + " (--db): check the path");
    assertThat(run.outLines()).containsExactly("database: " + missing + " (--db)",
        "enum: built-in copy of JobStatus (9 values); set JOBDB_ENUM to follow the app's code");
    assertThat(missing).doesNotExist();
  }

  @Test
  void missingFileFromEnvFileNamesTheEnvFileAndLine() throws IOException {
    Path env = write(".env", "# the app's settings\nDB_PATH=data/tracks.db\n");

    CliRun run = verifyUnchanged("--env-file", env.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertOneLine(
        run,
        "jobdb: database not found: "
            + dir.resolve("data/tracks.db")
            + " (DB_PATH in "
            + env
            + ", line 2)");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void aDirectoryIsNotADatabase() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("music"));

    CliRun run = verifyUnchanged("--db", folder.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertOneLine(run, "jobdb: database path is a directory: " + folder + " (--db)");
    assertThat(folder).isEmptyDirectory();
  }

  @Test
  void dbPathInEnvFileNamingAFolder() throws IOException {
    Files.createDirectory(dir.resolve("DB"));
    Path env = write(".env", "DB_PATH=DB\n");

    CliRun run = verifyUnchanged("--env-file", env.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertOneLine(
        run,
        "jobdb: database path is a directory: "
            + dir.resolve("DB")
            + " (DB_PATH in "
            + env
            + ", line 1)");
  }

  @Test
  void anEmptyFile() throws IOException {
    Path empty = Files.createFile(dir.resolve("tracks.db"));

    CliRun run = verifyUnchanged("--db", empty.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertOneLine(run, "jobdb: database file is empty: " + empty + " (--db)");
    assertThat(empty).isEmptyFile();
  }

  @Test
  void aFileThatIsNotSqlite() throws IOException {
    Path text = write("tracks.db", "id,title\n1,Blue in Green\n");

    CliRun run = verifyUnchanged("--db", text.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertOneLine(run, "jobdb: not a SQLite database: " + text + " (--db)");
  }

  @Test
  void aTruncatedDatabase() throws Exception {
    Path db = TestDatabases.deployedAt(dir.resolve("tracks.db"));
    try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
      file.setLength(8192);
    }

    CliRun run = verifyAllowingWalFiles("tracks.db", "--db", db.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertOneLine(run, "jobdb: database is truncated: " + db + " (--db) (8192 bytes; its header"
        + " records ");
  }

  @Test
  void aDatabaseWithDamagedTablePagesUnderTheFullCheck() throws Exception {
    Path db = TestDatabases.deployedAt(dir.resolve("tracks.db"));
    try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
      file.seek(4096); // page 2: job_queue's root page; the status index stays readable
      file.write(new byte[4096]);
    }

    CliRun run = verifyAllowingWalFiles("tracks.db", "--db", db.toString(), "--check", "full");

    assertThat(run.exitCode()).isEqualTo(3);
    assertOneLine(run, "jobdb: database is corrupt: " + db + " (--db) (quick_check of job_queue: ");
  }

  @Test
  void aDatabaseWithADamagedTableRootPageUnderTheFastCheck() throws Exception {
    Path db = TestDatabases.deployedAt(dir.resolve("tracks.db"));
    try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
      file.seek(4096); // page 2: job_queue's root page, on the way to its first and last rows
      file.write(new byte[4096]);
    }

    CliRun run = verifyAllowingWalFiles("tracks.db", "--db", db.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertOneLine(run, "jobdb: database is corrupt or truncated: " + db + " (--db)");
  }

  @Test
  void aDatabaseWithoutJobQueueListsWhatItHas() throws Exception {
    Path db = dir.resolve("database.db");
    TestDatabases.execute(db, "CREATE TABLE tracks (id INTEGER)", "CREATE TABLE albums (id INTEGER)");

    CliRun run = verifyUnchanged("--db", db.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertOneLine(
        run,
        "jobdb: no job_queue table in "
            + db
            + " (--db) (its tables: albums, tracks): this is not"
            + " the app's database");
  }

  @Test
  void anSqliteFileWithNoTablesAtAll() throws Exception {
    Path db = dir.resolve("blank.db");
    TestDatabases.execute(db, "PRAGMA user_version = 1");

    CliRun run = verifyUnchanged("--db", db.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertOneLine(run, "jobdb: no job_queue table in " + db + " (--db) (it has no tables)");
  }

  @Test
  void jobQueueAsAViewIsNotTheAppsTable() throws Exception {
    Path db = dir.resolve("view.db");
    TestDatabases.execute(
        db, "CREATE TABLE jobs (status TEXT)", "CREATE VIEW job_queue AS SELECT * FROM jobs");

    CliRun run = verifyUnchanged("--db", db.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertOneLine(run, "jobdb: job_queue is a view, not a table, in " + db + " (--db)");
  }

  @Test
  void jobQueueWithoutCheckOnStatusIsNotAnError() throws Exception {
    Path db =
        TestDatabases.withTable(
            dir.resolve("service.db"),
            DeployedDatabase.CREATE_SERVICE_NO_CHECK,
            java.util.List.of());

    CliRun run = CliRun.of("verify-schema", "--db", db.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("no constraint: every value allowed");
    assertThat(run.exitCode()).as("5 missing columns are drift").isEqualTo(1);
  }

  @Test
  void aQuotedDbPathTheJobQueueWouldTakeLiterallyIsAUsageError() throws IOException {
    Path env = write(".env", "DB_PATH=\"data/tracks.db\"\n");

    CliRun run = verifyUnchanged("--env-file", env.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertOneLine(run, "jobdb: DB_PATH on line 1 of " + env + " is quoted (\"data/tracks.db\")");
  }

  @Test
  void anEmptyDbFlag() throws IOException {
    CliRun run = verifyUnchanged("--db", "");

    assertThat(run.exitCode()).isEqualTo(2);
    assertOneLine(run, "jobdb: empty database path (--db)");
  }

  @Test
  void aWindowsDrivePathIsRefusedAndNothingIsCreated() throws IOException {
    Path env = write(".env", "DB_PATH=D:/music/tracks.db\n");

    CliRun flag = verifyUnchanged("--db", "D:\\music\\tracks.db");
    CliRun fromEnv = verifyUnchanged("--env-file", env.toString());

    assertThat(flag.exitCode()).isEqualTo(2);
    assertOneLine(flag, "jobdb: 'D:\\music\\tracks.db' (--db) is a Windows drive path");
    assertThat(fromEnv.exitCode()).isEqualTo(2);
    assertOneLine(fromEnv, "jobdb: 'D:/music/tracks.db' (DB_PATH in " + env + ", line 1)");
    assertThat(Path.of("D:")).doesNotExist();
    assertThat(dir.resolve("D:")).doesNotExist();
  }

  @Test
  void anEnvFileThatIsMissingOrAFolder() throws IOException {
    CliRun missing = verifyUnchanged("--env-file", dir.resolve("nope.env").toString());
    CliRun folder = verifyUnchanged("--env-file", dir.toString());

    assertThat(missing.exitCode()).isEqualTo(2);
    assertOneLine(missing, "jobdb: env file not found: " + dir.resolve("nope.env"));
    assertThat(folder.exitCode()).isEqualTo(2);
    assertOneLine(folder, "jobdb: env file is a directory: " + dir);
  }

  @Test
  void anUnknownFlagIsAUsageError() throws IOException {
    CliRun run = verifyUnchanged("--databse", "x.db");

    assertThat(run.exitCode()).isEqualTo(2);
    assertOneLine(run, "jobdb: Unknown options: '--databse', 'x.db'");
  }

  @Test
  void jsonModePrintsOneErrorDocumentWhenTheDatabaseIsMissing() throws IOException {
    Path missing = dir.resolve("missing.db");
    CliRun run = verifyUnchanged("--json", "--db", missing.toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.errLines()).hasSize(1);
    JsonNode error = new ObjectMapper().readTree(run.out()).get("error");
    assertThat(error.get("exitCode").asInt()).isEqualTo(3);
    assertThat(error.get("kind").asText()).isEqualTo("database_unusable");
    assertThat("jobdb: " + error.get("message").asText()).isEqualTo(run.errLines().get(0));
    assertThat(error.get("database").get("path").asText()).isEqualTo(missing.toString());
    assertThat(error.get("database").get("source").asText()).isEqualTo("flag");
  }

  @Test
  void jsonModePrintsOneErrorDocumentForAUsageErrorWithNoDatabase() throws IOException {
    CliRun run = verifyUnchanged("--json", "--databse", "x.db");

    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode error = new ObjectMapper().readTree(run.out()).get("error");
    assertThat(error.get("kind").asText()).isEqualTo("usage");
    assertThat(error.get("database").isNull()).isTrue();
    assertThat(run.errLines()).hasSize(1);
  }

  @Test
  void verboseAddsTheStackTrace() throws IOException {
    CliRun run = verifyUnchanged("--verbose", "--db", dir.resolve("missing.db").toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.errLines().get(0)).startsWith("jobdb: database not found: ");
    assertThat(run.err()).contains("JobdbException").contains("\tat dev.jobdb.");
  }

  /** Runs verify-schema and asserts the folder's files are exactly what they were. */
  private CliRun verifyUnchanged(String... args) throws IOException {
    Set<String> before = listing();
    CliRun run =
        CliRun.of(
            Stream.concat(Stream.of("verify-schema"), Stream.of(args)).toArray(String[]::new));
    assertThat(listing()).as("files in " + dir).isEqualTo(before);
    return run;
  }

  /**
   * Like {@link #verifyUnchanged}, but a read-only open of a WAL database may leave SQLite's own
   * -wal and -shm beside it (SQLite 3.22+ creates them when it can); no other file may appear.
   */
  private CliRun verifyAllowingWalFiles(String dbName, String... args) throws IOException {
    Set<String> before = listing();
    CliRun run =
        CliRun.of(
            Stream.concat(Stream.of("verify-schema"), Stream.of(args)).toArray(String[]::new));
    Set<String> after = listing();
    after.removeAll(Set.of(dbName + "-wal", dbName + "-shm"));
    assertThat(after).as("files in " + dir).isEqualTo(before);
    return run;
  }

  private Set<String> listing() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .map(p -> dir.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static void assertOneLine(CliRun run, String expectedStart) {
    assertThat(run.errLines()).as("stderr").hasSize(1);
    assertThat(run.errLines().get(0)).startsWith(expectedStart);
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
