package dev.jobdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built jar as a user would: a separate {@code java -jar} process, in a folder of its own,
 * judged only by its exit code, stdout and stderr. Proves the shaded jar is complete (services,
 * changelogs, native SQLite) in a way the in-process tests cannot.
 */
class JarEndToEndIT {
  private static final Path JAR = Path.of(System.getProperty("jobdb.jar", "target/jobdb.jar"));

  @TempDir Path folder;

  @BeforeAll
  static void theJarIsBuilt() {
    assertThat(JAR).as("the jar failsafe was told about; build it with mvn package").isRegularFile();
  }

  @Test
  void verifySchemaOnTheDeployedDatabaseReportsDriftAndNamesTheRejectedStatuses() throws Exception {
    Path database = deployedDatabase();

    JarRun run = jobdb("verify-schema", "--db", database.toString());

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCode.DRIFT.code());
    String fromRejected = run.stdout().substring(indexOfIgnoringCase(run.stdout(), "reject"));
    assertThat(fromRejected)
        .as("what follows the first mention of rejected statuses")
        .contains("timeout", "retrying", "dead_letter", "zombie");
  }

  @Test
  void migrateUpThenVerifyThenRollbackThroughTheJarAndItsBundledChangelogs() throws Exception {
    Path database = deployedDatabase();

    JarRun up = jobdb("migrate", "up", "--db", database.toString());
    assertThat(up.exitCode()).as(up.describe()).isZero();
    assertThat(up.stdout())
        .contains("003-status-accepts-all-job-statuses    ran")
        .contains("after:    624 jobs: completed 445, failed 136, pending 25, cancelled 11, running 7");

    JarRun verify = jobdb("verify-schema", "--db", database.toString(), "--json");
    assertThat(verify.exitCode()).as(verify.describe()).isZero();
    assertThat(verify.stdout()).contains("\"inSync\" : true");

    JarRun again = jobdb("migrate", "up", "--db", database.toString());
    assertThat(again.stdout()).contains("nothing to do");

    JarRun rollback = jobdb("rollback", "--db", database.toString(), "--no-backup");
    assertThat(rollback.exitCode()).as(rollback.describe()).isZero();
    assertThat(jobdb("verify-schema", "--db", database.toString()).exitCode())
        .isEqualTo(ExitCode.DRIFT.code());
  }

  @Test
  void versionIsThePomsVersion() throws Exception {
    JarRun run = jobdb("--version");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout().lines().findFirst())
        .as("failsafe passes the pom's version as jobdb.version")
        .contains("jobdb " + System.getProperty("jobdb.version"));
  }

  @Test
  void helpListsEveryExitCodeWithItsMeaning() throws Exception {
    JarRun run = jobdb("--help");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    // Help wraps long lines; compare with the whitespace folded.
    String help = run.stdout().replaceAll("\\s+", " ");
    assertThat(help).contains("Exit codes:");
    for (ExitCode code : ExitCode.values()) {
      assertThat(help).contains(code.code() + " " + code.meaning());
    }
  }

  @Test
  void aMissingDatabaseIsOneLineOnStderrWithExitThreeAndNoFileIsCreated() throws Exception {
    Path missing = folder.resolve("missing.db");

    JarRun run = jobdb("verify-schema", "--db", missing.toString());

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCode.DATABASE_UNUSABLE.code());
    assertThat(run.stderrLines()).as(run.describe()).hasSize(1);
    assertThat(run.stderrLines().get(0)).contains(missing.toString()).doesNotContain("Exception");
    assertThat(missing).doesNotExist();
  }

  @Test
  void fromTheAppsFolderTheEnvFileNamesEnumAndChangelogAndTheEnvironmentBeatsIt() throws Exception {
    Path database = deployedDatabase();
    Files.createDirectories(folder.resolve("services"));
    Files.writeString(folder.resolve("services/job_types.py"), """
        from enum import Enum

        class JobStatus(str, Enum):
            PENDING = "pending"      # ждёт воркера
            RUNNING = "running"
            COMPLETED = "completed"
            FAILED = "failed"
            CANCELLED = "cancelled"
            TIMEOUT = "timeout"
            RETRYING = "retrying"
            DEAD_LETTER = "dead_letter"
            ZOMBIE = "zombie"
            PAUSED = "paused"
        """);
    Path changelog = Files.createDirectories(folder.resolve("db/changelog"));
    try (var files = Files.list(Path.of("changelogs"))) {
      for (Path file : files.toList()) {
        Files.copy(file, changelog.resolve(file.getFileName()));
      }
    }
    Files.writeString(folder.resolve(".env"), "DB_PATH=tracks.db\n"
        + "JOBDB_ENUM=services/job_types.py\nJOBDB_CHANGELOG=db/changelog\n");

    JarRun verify = jobdb("verify-schema");
    JarRun up = jobdb("migrate", "up", "--no-backup");
    Files.createDirectories(folder.resolve("no-master"));
    JarRun again = jobdb(Map.of("JOBDB_CHANGELOG", "no-master"), "migrate", "up");
    JarRun emptyEnum = jobdb(Map.of("JOBDB_ENUM", ""), "verify-schema");

    assertThat(verify.exitCode()).as(verify.describe()).isEqualTo(ExitCode.DRIFT.code());
    assertThat(verify.stdout()).startsWith("database: " + database.toRealPath() + " (DB_PATH in "
        + folder.toRealPath().resolve(".env") + ", line 1)\nenum: JobStatus in ")
        .contains("DRIFT: the database rejects 5 statuses the app writes: timeout, retrying,"
            + " dead_letter, zombie, paused");
    assertThat(up.exitCode()).as(up.describe()).isZero();
    assertThat(up.stdout()).contains("003-status-accepts-all-job-statuses    ran");
    assertThat(again.exitCode()).as(again.describe()).isEqualTo(ExitCode.USAGE.code());
    assertThat(again.stderrLines()).containsExactly("jobdb: no master.yaml in the changelog"
        + " folder " + folder.toRealPath().resolve("no-master") + " (environment variable"
        + " JOBDB_CHANGELOG): point --changelog or JOBDB_CHANGELOG at the folder that holds"
        + " master.yaml, or remove it to use jobdb's built-in changelog");
    assertThat(emptyEnum.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(emptyEnum.stderrLines())
        .containsExactly("jobdb: empty enum path (environment variable JOBDB_ENUM): set it to the"
            + " Python file that defines the enum, or remove it to use jobdb's built-in copy");
  }

  private Path deployedDatabase() throws Exception {
    Path database = folder.resolve("tracks.db");
    JarRun run = jobdb("make-fixture", database.toString());
    assertThat(run.exitCode()).as(run.describe()).isZero();
    return database;
  }

  private JarRun jobdb(String... args) throws IOException, InterruptedException {
    return jobdb(Map.of(), args);
  }

  /**
   * Runs the jar in the test's folder, with no setting inherited from whoever runs the build and
   * {@code environment} added.
   */
  private JarRun jobdb(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(Arrays.asList(args));
    Path stdout = Files.createTempFile(folder, "stdout", ".txt");
    Path stderr = Files.createTempFile(folder, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(folder.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().keySet().removeAll(List.of("DB_PATH", "JOBDB_ENUM", "JOBDB_CHANGELOG"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    // Not a speed check: only keeps a hung process from hanging the build.
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("jobdb " + String.join(" ", args) + " did not finish");
    }
    return new JarRun(
        String.join(" ", args),
        process.exitValue(),
        // println ends lines with \r\n on Windows; the assertions compare \n-ended lines
        Files.readString(stdout, StandardCharsets.UTF_8).replace("\r\n", "\n"),
        Files.readString(stderr, StandardCharsets.UTF_8).replace("\r\n", "\n"));
  }

  private static int indexOfIgnoringCase(String text, String word) {
    int index = text.toLowerCase().indexOf(word);
    assertThat(index).as("'%s' in:%n%s", word, text).isNotNegative();
    return index;
  }

  private record JarRun(String args, int exitCode, String stdout, String stderr) {
    List<String> stderrLines() {
      return stderr.lines().filter(line -> !line.isBlank()).toList();
    }

    String describe() {
      return "jobdb %s -> exit %d%n--- stdout%n%s--- stderr%n%s"
          .formatted(args, exitCode, stdout, stderr);
    }
  }
}
