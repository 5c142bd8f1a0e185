package dev.jobdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user gets it: unzipped into an empty folder outside the source tree,
 * run through its launcher from another folder, with a per-user cache of its own: on Windows
 * {@code bin\jobdb.cmd}, elsewhere {@code bin/jobdb} (with dash when installed, the strictest
 * common sh). Nothing of Maven or the checkout is on the way.
 */
class ReleaseArchiveIT {
  private static final Path ZIP =
      Path.of(System.getProperty("jobdb.zip", "target/jobdb-0.1.0-SNAPSHOT.zip"));
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");

  @TempDir static Path installRoot;
  @TempDir static Path cache;
  @TempDir Path workingFolder;

  private static Path home;
  private static List<String> installedFiles;

  @BeforeAll
  static void unzipTheArchive() throws IOException {
    assertThat(ZIP).as("the archive failsafe was told about; build it with mvn package").isRegularFile();
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        Path target = installRoot.resolve(entry.getName()).normalize();
        assertThat(target.startsWith(installRoot)).as("%s stays in the folder", entry).isTrue();
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, target);
          }
        }
      }
    }
    try (Stream<Path> top = Files.list(installRoot)) {
      home = top.findFirst().orElseThrow();
    }
    installedFiles = listing(home);
  }

  @Test
  void theArchiveHoldsTheLaunchersTheJarTheDocsAndTheCompletionScripts() {
    assertThat(installedFiles)
        .contains(
            "bin/jobdb", "bin/jobdb.cmd", "lib/jobdb.jar", "README.md", "CHANGELOG.md",
            "docs/README.md", "docs/commands.md", "completion/jobdb.bash", "completion/jobdb.zsh");
  }

  @Test
  void theWindowsLauncherHasWindowsLineEndingsAndThePosixOneHasNone() throws IOException {
    String cmd = Files.readString(home.resolve("bin/jobdb.cmd"), StandardCharsets.UTF_8);
    String sh = Files.readString(home.resolve("bin/jobdb"), StandardCharsets.UTF_8);

    assertThat(cmd.replace("\r\n", "")).doesNotContain("\n");
    assertThat(cmd).contains("%*").contains("exit /b %JOBDB_EXIT%");
    assertThat(sh).startsWith("#!/bin/sh\n").doesNotContain("\r");
  }

  @Test
  void versionNamesThePomsVersionSqliteLiquibaseAndJava() throws Exception {
    Run run = jobdb("--version");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout().lines().findFirst()).as(run.describe())
        .contains("jobdb " + System.getProperty("jobdb.version"));
    assertThat(run.stdout())
        .contains("SQLite 3.", "Liquibase 4.33", "Java " + Runtime.version().feature());
  }

  @Test
  void verifySchemaOnTheDeployedDatabaseExitsOneAndNamesTheFourRejectedStatuses() throws Exception {
    Path database = workingFolder.resolve("a folder with spaces").resolve("tracks.db");
    Files.createDirectories(database.getParent());
    assertThat(jobdb("make-fixture", database.toString()).exitCode()).isZero();

    Run run = jobdb("verify-schema", "--db", database.toString());

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCode.DRIFT.code());
    assertThat(run.stdout())
        .contains("database: " + database + " (--db)")
        .contains("rejects 4 statuses the app writes: timeout, retrying, dead_letter, zombie");
  }

  @Test
  void aMissingDatabaseWithJsonPrintsOneErrorDocumentAndExitsThree() throws Exception {
    Path missing = workingFolder.resolve("missing.db");

    Run run = jobdb("verify-schema", "--db", missing.toString(), "--json");

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCode.DATABASE_UNUSABLE.code());
    JsonNode error = new ObjectMapper().readTree(run.stdout()).get("error");
    assertThat(error.get("exitCode").asInt()).isEqualTo(3);
    assertThat(error.get("kind").asText()).isEqualTo("database_unusable");
    assertThat(error.get("message").asText()).contains(missing.toString());
    assertThat(error.get("database").get("path").asText()).isEqualTo(missing.toString());
    assertThat(run.stderr().lines().toList())
        .containsExactly("jobdb: " + error.get("message").asText());
    assertThat(missing).doesNotExist();
  }

  @Test
  void completionBashPrintsAScriptForEveryCommandWord() throws Exception {
    Run run = jobdb("completion", "bash");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout())
        .contains("complete -F")
        .contains("verify-schema migrate rollback status restore completion");
  }

  @Test
  void theStartUpArchiveGoesToTheUsersCacheAndTheInstallationIsLeftAsItWas() throws Exception {
    assertThat(jobdb("--help").exitCode()).isZero();

    assertThat(listing(home)).isEqualTo(installedFiles);
    try (Stream<Path> files = Files.walk(cache)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      if (WINDOWS) {
        assertThat(names).as("jobdb.cmd's start-up archive, named after the installation folder")
            .anyMatch(name -> name.endsWith("jobdb.jsa"));
      } else {
        assertThat(names).as("what the launcher records about its start-up archive")
            .contains("jobdb.jsa.key");
      }
    }
  }

  private static List<String> listing(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> folder.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  /**
   * The launcher run from the test's own folder, never from the installation: bin\jobdb.cmd on
   * Windows (Java starts a .cmd through cmd.exe), else bin/jobdb by dash (else sh).
   */
  private Run jobdb(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (WINDOWS) {
      command.add(home.resolve("bin").resolve("jobdb.cmd").toString());
    } else {
      command.add(Files.isExecutable(Path.of("/usr/bin/dash")) ? "/usr/bin/dash" : "sh");
      command.add(home.resolve("bin/jobdb").toString());
    }
    command.addAll(Arrays.asList(args));
    Path stdout = Files.createTempFile(workingFolder, "stdout", ".txt");
    Path stderr = Files.createTempFile(workingFolder, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingFolder.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().remove("DB_PATH");
    builder.environment().remove("JAVA");
    builder.environment().put("XDG_CACHE_HOME", cache.toString());
    builder.environment().put("LOCALAPPDATA", cache.toString()); // jobdb.cmd's cache
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    process.getOutputStream().close();
    // Not a speed check: the first run makes the start-up archive; this only stops a hang.
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("bin/jobdb " + String.join(" ", args) + " did not finish");
    }
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    return new Run(
        String.join(" ", args),
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8).replace("\r\n", "\n"),
        err.lines()
            .filter(line -> !line.startsWith("jobdb: preparing the start-up archive"))
            .map(line -> line + "\n")
            .reduce("", String::concat));
  }

  private record Run(String args, int exitCode, String stdout, String stderr) {
    String describe() {
      return "bin/jobdb %s -> exit %d%n--- stdout%n%s--- stderr%n%s"
          .formatted(args, exitCode, stdout, stderr);
    }
  }
}
