package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enum comes from the app's code: a folder holding the app's services/job_types.py (a copy of
 * its layout, with PAUSED added after ZOMBIE), a .env naming it, and the deployed database.
 */
class AppEnumCommandTest {
  private static final String BUILT_IN =
      "enum: built-in copy of JobStatus (9 values); set JOBDB_ENUM to follow the app's code";

  @TempDir Path app;
  Path enumFile;
  Path env;
  Path db;

  @BeforeEach
  void theAppsFolder() throws Exception {
    assumeTrue(System.getenv("DB_PATH") == null && System.getenv("JOBDB_ENUM") == null,
        "DB_PATH or JOBDB_ENUM is set in this environment");
    Files.createDirectories(app.resolve("services"));
    enumFile = app.resolve("services/job_types.py");
    Files.writeString(enumFile, jobTypesWithPaused());
    env = Files.writeString(app.resolve(".env"),
        "DB_PATH=tracks.db\nJOBDB_ENUM=services/job_types.py\n");
    db = TestDatabases.deployedAt(app.resolve("tracks.db"));
  }

  @Test
  void verifySchemaNamesTheAppsEnumAndTheStatusItAdded() {
    CliRun run = CliRun.of("verify-schema", "--env-file", env.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.outLines().get(0))
        .isEqualTo("database: " + db + " (DB_PATH in " + env + ", line 1)");
    assertThat(run.outLines().get(1)).isEqualTo("enum: JobStatus in " + enumFile
        + " (JOBDB_ENUM in " + env + ", line 2): 10 values");
    assertThat(run.outLines().get(2)).isEqualTo("DRIFT: the database rejects 5 statuses the app"
        + " writes: timeout, retrying, dead_letter, zombie, paused");
    assertThat(run.out()).containsPattern("paused +0  rejected by the database\n");
  }

  @Test
  void afterTheBuiltInMigrationOnlyPausedIsStillRejected() {
    CliRun up = CliRun.of("migrate", "up", "--env-file", env.toString(), "--no-backup");
    CliRun verify = CliRun.of("verify-schema", "--env-file", env.toString());

    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.outLines().get(1)).startsWith("enum: JobStatus in " + enumFile);
    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.outLines().get(2))
        .isEqualTo("DRIFT: the database rejects 1 status the app writes: paused");
  }

  @Test
  void theFlagBeatsTheEnvFileAndNamesAnotherClass() {
    CliRun run = CliRun.of("verify-schema", "--env-file", env.toString(),
        "--enum", enumFile + ":JobType");

    assertThat(run.outLines().get(1))
        .isEqualTo("enum: JobType in " + enumFile + " (--enum): 17 values");
  }

  @Test
  void jsonCarriesTheEnumWithItsValuesInOrder() throws Exception {
    CliRun run = CliRun.of("verify-schema", "--json", "--env-file", env.toString());

    JsonNode json = new ObjectMapper().readTree(run.out());
    JsonNode appEnum = json.get("enum");
    assertThat(appEnum.get("source").asText()).isEqualTo("env_file");
    assertThat(appEnum.get("path").asText()).isEqualTo(enumFile.toString());
    assertThat(appEnum.get("className").asText()).isEqualTo("JobStatus");
    assertThat(appEnum.get("origin").asText()).isEqualTo("JOBDB_ENUM in " + env + ", line 2");
    List<String> values = new ArrayList<>();
    appEnum.get("values").forEach(v -> values.add(v.asText()));
    assertThat(values).containsExactly("pending", "running", "completed", "failed", "cancelled",
        "timeout", "retrying", "dead_letter", "zombie", "paused");
    assertThat(json.get("rejectedStatuses").toString()).contains("paused");
    assertThat(json.get("jobCountsByStatus").has("paused")).isTrue();
  }

  @Test
  void withoutASettingTheBuiltInCopyIsUsedAndJsonSaysSo() throws Exception {
    Path plainEnv = Files.writeString(app.resolve("plain.env"), "DB_PATH=tracks.db\n");

    CliRun text = CliRun.of("verify-schema", "--env-file", plainEnv.toString());
    CliRun json = CliRun.of("verify-schema", "--json", "--env-file", plainEnv.toString());

    assertThat(text.outLines().get(1)).isEqualTo(BUILT_IN);
    JsonNode appEnum = new ObjectMapper().readTree(json.out()).get("enum");
    assertThat(appEnum.get("source").asText()).isEqualTo("default");
    assertThat(appEnum.get("path").isNull()).isTrue();
    assertThat(appEnum.get("values")).hasSize(9);
  }

  @Test
  void everyCommandSaysWhichEnumRightAfterTheDatabase() {
    for (String[] command : List.of(new String[] {"status"}, new String[] {"migrate", "up",
        "--dry-run"}, new String[] {"rollback", "--dry-run"}, new String[] {"restore"})) {
      List<String> args = new ArrayList<>(List.of(command));
      args.addAll(List.of("--env-file", env.toString()));
      CliRun run = CliRun.of(args.toArray(String[]::new));

      assertThat(run.outLines()).as(String.join(" ", command)).hasSizeGreaterThanOrEqualTo(2);
      assertThat(run.outLines().get(0)).startsWith("database: " + db);
      assertThat(run.outLines().get(1)).as(String.join(" ", command))
          .isEqualTo("enum: JobStatus in " + enumFile + " (JOBDB_ENUM in " + env
              + ", line 2): 10 values");
    }
  }

  @Test
  void remapTargetsAreCheckedAgainstTheResolvedEnum() throws Exception {
    Path plainEnv = Files.writeString(app.resolve("plain.env"), "DB_PATH=tracks.db\n");

    CliRun builtIn = CliRun.of("rollback", "--env-file", plainEnv.toString(),
        "--remap", "zombie=paused");
    CliRun appEnum = CliRun.of("rollback", "--env-file", env.toString(),
        "--remap", "zombie=parked");

    assertThat(builtIn.exitCode()).isEqualTo(2);
    assertThat(builtIn.err()).startsWith("jobdb: --remap zombie=paused: 'paused' is not a"
        + " JobStatus value; use one of pending, running,");
    assertThat(appEnum.exitCode()).isEqualTo(2);
    assertThat(appEnum.err()).contains("dead_letter, zombie, paused\n");
  }

  // --- refusals: exit 2, one line on stderr naming file and line, nothing changed ---

  @Test
  void aComputedValueIsRefusedWithFileAndLine() throws Exception {
    replaceInEnum("PAUSED = \"paused\"", "PAUSED = PREFIX + \"paused\"");
    int line = lineOf("PAUSED = PREFIX");

    CliRun run = refusedUnchanged("verify-schema", "--env-file", env.toString());

    assertThat(run.err()).startsWith("jobdb: cannot read JobStatus in " + enumFile + ", line "
        + line + " (JOBDB_ENUM in " + env + ", line 2): JobStatus.PAUSED is not a string literal")
        .contains("write its value as a string, e.g. PAUSED = \"paused\"");
    assertThat(run.outLines()).containsExactly("database: " + db + " (DB_PATH in " + env
        + ", line 1)");
  }

  @Test
  void autoInAPlainEnumADuplicateValueAndAMissingClassAreRefused() throws Exception {
    replaceInEnum("PAUSED = \"paused\"", "PAUSED = auto()");
    CliRun auto = refusedUnchanged("migrate", "up", "--env-file", env.toString());
    replaceInEnum("PAUSED = auto()", "PAUSED = \"zombie\"");
    CliRun duplicate = refusedUnchanged("status", "--env-file", env.toString());
    CliRun missingClass = refusedUnchanged("verify-schema", "--env-file", env.toString(),
        "--enum", enumFile + ":JobState");

    assertThat(auto.err()).contains(", line " + lineOf("PAUSED = \"zombie\"") + " (")
        .contains("auto() in a plain Enum");
    assertThat(duplicate.err()).contains("JobStatus.PAUSED repeats the value 'zombie' of ZOMBIE");
    assertThat(missingClass.err()).startsWith("jobdb: cannot read JobState in " + enumFile
        + " (--enum): no class JobState in the file (its classes: JobType, JobStatus,"
        + " JobPriority)");
  }

  @Test
  void aMissingEnumFileIsRefused() throws Exception {
    Files.delete(enumFile);

    CliRun run = refusedUnchanged("rollback", "--env-file", env.toString());

    assertThat(run.err()).startsWith("jobdb: enum file not found: " + enumFile + " (JOBDB_ENUM in "
        + env + ", line 2): point --enum or JOBDB_ENUM at the Python file that defines JobStatus");
  }

  private CliRun refusedUnchanged(String... args) throws Exception {
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.errLines()).as("stderr").hasSize(1);
    assertThat(run.err()).doesNotContain("Exception");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
    assertThat(Files.list(app).map(p -> p.getFileName().toString()))
        .noneMatch(name -> name.endsWith(".jobdb-snapshot"));
    return run;
  }

  private void replaceInEnum(String from, String to) throws IOException {
    String source = Files.readString(enumFile);
    assertThat(source).contains(from);
    Files.writeString(enumFile, source.replace(from, to)
        .replace("from enum import Enum\n", "from enum import Enum, auto\nPREFIX = \"\"\n"));
  }

  private int lineOf(String text) throws IOException {
    List<String> lines = Files.readAllLines(enumFile);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + enumFile);
  }

  /** The app's services/job_types.py with PAUSED added after ZOMBIE. */
  private static String jobTypesWithPaused() throws IOException {
    try (InputStream in = AppEnumCommandTest.class.getResourceAsStream("/appenum/job_types.py")) {
      String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String zombie = "    ZOMBIE = \"zombie\"          # воркер пропал, задача висит\n";
      assertThat(source).contains(zombie);
      return source.replace(zombie, zombie + "    PAUSED = \"paused\"          # на паузе\n");
    }
  }
}
