package dev.jobdb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database path rule with the environment passed in, since a test cannot set its own. */
class DatabaseSettingTest {
  @TempDir Path dir;
  Path app;
  Path workingDirectory;

  @BeforeEach
  void folders() throws IOException {
    app = Files.createDirectory(dir.resolve("app"));
    workingDirectory = Files.createDirectory(dir.resolve("elsewhere"));
  }

  @Test
  void flagBeatsEnvironmentAndEnvFile() throws IOException {
    Path env = envFile(app, "DB_PATH=from-env-file.db\n");

    DatabaseLocation location =
        locator(Map.of("DB_PATH", "/srv/from-environment.db")).locate("flag.db", env.toString());

    assertThat(location.path()).isEqualTo(workingDirectory.resolve("flag.db"));
    assertThat(location.source()).isEqualTo(PathSource.FLAG);
    assertThat(location.origin()).isEqualTo("--db");
  }

  @Test
  void environmentBeatsEnvFileAndResolvesAgainstTheWorkingDirectory() throws IOException {
    Path env = envFile(app, "DB_PATH=from-env-file.db\n");

    DatabaseLocation location =
        locator(Map.of("DB_PATH", "data/../tracks.db")).locate(null, env.toString());

    assertThat(location.path()).isEqualTo(workingDirectory.resolve("tracks.db"));
    assertThat(location.source()).isEqualTo(PathSource.ENVIRONMENT);
    assertThat(location.describe())
        .isEqualTo(workingDirectory.resolve("tracks.db") + " (environment variable DB_PATH)");
  }

  @Test
  void envFilePathIsRelativeToTheEnvFilesFolderAndNamesItsLine() throws IOException {
    Path env = envFile(app, "# settings\nAPP_NAME=tracks\nDB_PATH=DB/tracks.db\n");

    DatabaseLocation location = locator(Map.of()).locate(null, env.toString());

    assertThat(location.path()).isEqualTo(app.resolve("DB/tracks.db"));
    assertThat(location.source()).isEqualTo(PathSource.ENV_FILE);
    assertThat(location.origin()).isEqualTo("DB_PATH in " + env + ", line 3");
  }

  @Test
  void theDefaultEnvFileIsTheOneInTheWorkingDirectory() throws IOException {
    Path absolute = dir.resolve("srv").resolve("tracks.db").toAbsolutePath(); // C:\... on Windows
    envFile(workingDirectory, "DB_PATH=" + absolute + "\n");

    DatabaseLocation location = locator(Map.of()).locate(null, null);

    assertThat(location.path()).isEqualTo(absolute);
    assertThat(location.origin())
        .isEqualTo("DB_PATH in " + workingDirectory.resolve(".env") + ", line 1");
  }

  @Test
  void withoutAnyDbPathItIsTracksDbInTheWorkingDirectoryAndSaysWhy() throws IOException {
    DatabaseLocation noEnvFile = locator(Map.of()).locate(null, null);
    envFile(workingDirectory, "APP_NAME=tracks\n");
    DatabaseLocation envFileWithout = locator(Map.of()).locate(null, null);

    assertThat(noEnvFile.path()).isEqualTo(workingDirectory.resolve("tracks.db"));
    assertThat(noEnvFile.source()).isEqualTo(PathSource.DEFAULT);
    assertThat(noEnvFile.origin())
        .isEqualTo(
            "default: no DB_PATH in the environment and no " + workingDirectory.resolve(".env"));
    assertThat(envFileWithout.origin())
        .isEqualTo(
            "default: no DB_PATH in the environment or in " + workingDirectory.resolve(".env"));
  }

  @Test
  void emptyValuesAreUsageErrorsFromFlagAndEnvironment() {
    assertThatThrownBy(() -> locator(Map.of("DB_PATH", " ")).locate(null, null))
        .isInstanceOfSatisfying(
            JobdbException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageStartingWith("empty database path (environment variable DB_PATH)");
    assertThatThrownBy(() -> locator(Map.of()).locate("", null))
        .hasMessageStartingWith("empty database path (--db)");
  }

  @Test
  void windowsDrivePathsAreRefusedOnlyOffWindows() throws IOException {
    // the rules follow the file system of the working folder: in-memory ones, so the test runs alike
    // on every OS
    try (FileSystem unix = Jimfs.newFileSystem(Configuration.unix())) {
      Path work = unix.getPath("/work");
      assertThatThrownBy(() -> new Settings(Map.of("DB_PATH", "D:/music/tracks.db"), work, null)
          .database(null))
          .isInstanceOfSatisfying(
              JobdbException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
          .hasMessageContaining("is a Windows drive path and this is not Windows");
      assertThatThrownBy(() -> new Settings(Map.of(), work, null).database("c:\\music\\tracks.db"))
          .isInstanceOf(JobdbException.class);
    }

    try (FileSystem windows = Jimfs.newFileSystem(Configuration.windows())) {
      Path work = windows.getPath("C:\\work");
      DatabaseLocation onWindows = new Settings(Map.of(), work, null).database("D:/music/tracks.db");
      assertThat(onWindows.source()).isEqualTo(PathSource.FLAG);
      assertThat(onWindows.path().toString()).isEqualTo("D:\\music\\tracks.db");
      assertThat(new Settings(Map.of("DB_PATH", "D:\\music\\Youtube\\DB\\tracks.db"), work, null)
          .database(null).path().toString()).isEqualTo("D:\\music\\Youtube\\DB\\tracks.db");
      assertThat(new Settings(Map.of(), work, null).database("\\\\nas\\music\\tracks.db").path()
          .isAbsolute()).isTrue();
      assertThatThrownBy(() -> new Settings(Map.of(), work, null).database("D:tracks.db"))
          .isInstanceOfSatisfying(
              JobdbException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
          .hasMessageStartingWith("'D:tracks.db' (--db) is relative to the current folder of"
              + " drive D:, which jobdb cannot know: write the whole path, e.g. D:\\tracks.db");
    }
  }

  /** {@code locate(dbFlag, envFileFlag)}, as the command line passes them. */
  private interface Locator {
    DatabaseLocation locate(String dbFlag, String envFileFlag);
  }

  private Locator locator(Map<String, String> environment) {
    return (db, envFile) -> new Settings(environment, workingDirectory, envFile).database(db);
  }

  private static Path envFile(Path folder, String content) throws IOException {
    return Files.writeString(folder.resolve(".env"), content);
  }
}
