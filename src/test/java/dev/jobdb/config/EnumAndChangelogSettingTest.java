package dev.jobdb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.nio.file.FileSystem;
import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JOBDB_ENUM and JOBDB_CHANGELOG follow DB_PATH's rule: flag > environment > .env > default. */
class EnumAndChangelogSettingTest {
  @TempDir Path dir;
  Path app;
  Path workingDirectory;
  Path env;

  @BeforeEach
  void anAppWithItsEnvFileAndEnumFile() throws IOException {
    app = Files.createDirectory(dir.resolve("app"));
    workingDirectory = Files.createDirectory(dir.resolve("elsewhere"));
    Files.createDirectories(app.resolve("services"));
    Files.writeString(app.resolve("services/job_types.py"), """
        from enum import Enum

        class JobType(str, Enum):
            DOWNLOAD = "download"

        class JobStatus(str, Enum):
            PENDING = "pending"
            PAUSED = "paused"
        """);
    env = Files.writeString(app.resolve(".env"), """
        DB_PATH=tracks.db
        JOBDB_ENUM=services/job_types.py
        JOBDB_CHANGELOG=db/changelog
        """);
  }

  @Test
  void theEnvFileNamesTheEnumRelativeToItsFolderAndLine() {
    StatusEnum statusEnum = settings(Map.of()).statusEnum(null);

    assertThat(statusEnum.path()).isEqualTo(app.resolve("services/job_types.py"));
    assertThat(statusEnum.className()).isEqualTo("JobStatus");
    assertThat(statusEnum.values()).containsExactly("pending", "paused");
    assertThat(statusEnum.source()).isEqualTo(PathSource.ENV_FILE);
    assertThat(statusEnum.describe()).isEqualTo("JobStatus in " + app.resolve("services/job_types.py")
        + " (JOBDB_ENUM in " + env + ", line 2): 2 values");
  }

  @Test
  void theEnvironmentBeatsTheEnvFileAndResolvesAgainstTheWorkingDirectory() throws IOException {
    Files.createDirectories(workingDirectory.resolve("src"));
    Files.copy(app.resolve("services/job_types.py"), workingDirectory.resolve("src/types.py"));

    StatusEnum statusEnum =
        settings(Map.of("JOBDB_ENUM", "src/types.py:JobType")).statusEnum(null);
    ChangelogLocation changelog =
        settings(Map.of("JOBDB_CHANGELOG", "migrations")).changelog(null);

    assertThat(statusEnum.path()).isEqualTo(workingDirectory.resolve("src/types.py"));
    assertThat(statusEnum.className()).isEqualTo("JobType");
    assertThat(statusEnum.values()).containsExactly("download");
    assertThat(statusEnum.origin()).isEqualTo("environment variable JOBDB_ENUM");
    assertThat(changelog.directory()).isEqualTo(workingDirectory.resolve("migrations"));
    assertThat(changelog.source()).isEqualTo(PathSource.ENVIRONMENT);
  }

  @Test
  void theFlagBeatsEverything() {
    Path absolute = app.resolve("services/job_types.py");

    StatusEnum statusEnum = settings(Map.of("JOBDB_ENUM", "nope.py"))
        .statusEnum(absolute + ":JobStatus");
    ChangelogLocation changelog = settings(Map.of("JOBDB_CHANGELOG", "nope"))
        .changelog("my-changelog");

    assertThat(statusEnum.path()).isEqualTo(absolute);
    assertThat(statusEnum.origin()).isEqualTo("--enum");
    assertThat(statusEnum.source()).isEqualTo(PathSource.FLAG);
    assertThat(changelog.directory()).isEqualTo(workingDirectory.resolve("my-changelog"));
    assertThat(changelog.origin()).isEqualTo("--changelog");
  }

  @Test
  void theChangelogFolderFromTheEnvFileIsRelativeToItsFolder() {
    ChangelogLocation changelog = settings(Map.of()).changelog(null);

    assertThat(changelog.directory()).isEqualTo(app.resolve("db/changelog"));
    assertThat(changelog.master()).isEqualTo(app.resolve("db/changelog/master.yaml"));
    assertThat(changelog.origin()).isEqualTo("JOBDB_CHANGELOG in " + env + ", line 3");
  }

  @Test
  void withoutAnySettingTheBuiltInCopiesAreUsedAndSaySo() {
    Settings none = new Settings(Map.of(), workingDirectory, null);

    StatusEnum statusEnum = none.statusEnum(null);
    ChangelogLocation changelog = none.changelog(null);

    assertThat(statusEnum.isBuiltIn()).isTrue();
    assertThat(statusEnum.values()).isEqualTo(StatusEnum.BUILT_IN_VALUES);
    assertThat(statusEnum.describe()).isEqualTo(
        "built-in copy of JobStatus (9 values); set JOBDB_ENUM to follow the app's code");
    assertThat(statusEnum.origin()).isEqualTo(
        "default: no JOBDB_ENUM in the environment and no " + workingDirectory.resolve(".env"));
    assertThat(changelog.isBuiltIn()).isTrue();
    assertThat(changelog.source()).isEqualTo(PathSource.DEFAULT);
  }

  @Test
  void fileAndClassSplitAtTheLastColonOnlyBeforeAnIdentifierAndNeverAtADrive() {
    assertThat(split("services/job_types.py")).isEqualTo(parts("services/job_types.py", "JobStatus"));
    assertThat(split("services/job_types.py:JobType"))
        .isEqualTo(parts("services/job_types.py", "JobType"));
    assertThat(split("D:\\app\\job_types.py:JobStatus"))
        .isEqualTo(parts("D:\\app\\job_types.py", "JobStatus"));
    assertThat(split("D:\\app\\job_types.py")).isEqualTo(parts("D:\\app\\job_types.py", "JobStatus"));
    assertThat(split("C:job_types")).isEqualTo(parts("C:job_types", "JobStatus"));
    assertThat(split("odd:name/job_types.py")).isEqualTo(parts("odd:name/job_types.py", "JobStatus"));
    assertThatThrownBy(() -> split("services/job_types.py:"))
        .isInstanceOfSatisfying(JobdbException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("names no class after the colon");
  }

  @Test
  void aWindowsEnumPathIsReadOnWindowsAndRefusedElsewhere() throws IOException {
    try (FileSystem windows = Jimfs.newFileSystem(Configuration.windows())) {
      EnumLocation onWindows = new Settings(Map.of(), windows.getPath("C:\\work"), null)
          .enumLocation("D:\\app\\job_types.py:JobStatus");

      assertThat(onWindows.className()).isEqualTo("JobStatus");
      assertThat(onWindows.file().toString()).isEqualTo("D:\\app\\job_types.py");
    }
    assertThatThrownBy(() -> settings(Map.of()).enumLocation("D:\\app\\job_types.py:JobStatus"))
        .isInstanceOfSatisfying(JobdbException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageStartingWith("'D:\\app\\job_types.py' (--enum) is a Windows drive path");
  }

  @Test
  void aMissingEnumFileOrClassIsAUsageErrorNamingFileAndOrigin() {
    Path missing = app.resolve("services/missing.py");

    assertThatThrownBy(() -> settings(Map.of("JOBDB_ENUM", missing.toString())).statusEnum(null))
        .isInstanceOfSatisfying(JobdbException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageStartingWith("enum file not found: " + missing
            + " (environment variable JOBDB_ENUM): point --enum or JOBDB_ENUM at the Python file");
    assertThatThrownBy(() -> settings(Map.of()).statusEnum("services/../../app/services/"
        + "job_types.py:Missing"))
        .isInstanceOfSatisfying(JobdbException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("no class Missing in the file (its classes: JobType, JobStatus)");
    assertThatThrownBy(() -> settings(Map.of()).statusEnum(app.resolve("services").toString()))
        .isInstanceOfSatisfying(JobdbException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageStartingWith("enum file is a directory: " + app.resolve("services"));
    assertThatThrownBy(() -> settings(Map.of("JOBDB_ENUM", "")).statusEnum(null))
        .hasMessageStartingWith("empty enum path (environment variable JOBDB_ENUM)");
  }

  @Test
  void linesNoReaderUnderstandsNeverStopARun() throws IOException {
    Files.writeString(env, "[database]\nDB_PATH=tracks.db\nJOBDB_CHANGELOG\n");
    Settings settings = settings(Map.of());

    assertThat(settings.changelog(null).source()).isEqualTo(PathSource.DEFAULT);
    assertThat(settings.database(null).path()).isEqualTo(env.getParent().resolve("tracks.db"));
  }

  private Settings settings(Map<String, String> environment) {
    return new Settings(environment, workingDirectory, env.toString());
  }

  private static EnumLocation.FileAndClass split(String value) {
    return EnumLocation.split(new SettingValue(Setting.ENUM, value, PathSource.FLAG, "--enum",
        Path.of("/")));
  }

  private static EnumLocation.FileAndClass parts(String file, String className) {
    return new EnumLocation.FileAndClass(file, className);
  }

}
