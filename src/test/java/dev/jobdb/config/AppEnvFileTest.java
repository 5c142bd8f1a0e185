package dev.jobdb.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * .env files as they are found on users' machines, each read the way the app's job queue
 * ({@code JobQueueService.__init__} in services/job_queue_service.py) reads DB_PATH: the first
 * line starting with {@code DB_PATH=} after stripping whitespace and byte-order marks, the rest
 * of the line as it is, else {@code tracks.db} in the project root (the .env's folder).
 */
class AppEnvFileTest {
  @TempDir Path dir;
  Path app;
  Path elsewhere;

  @BeforeEach
  void folders() throws IOException {
    app = Files.createDirectory(dir.resolve("app"));
    elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
  }

  /** content, the file the job queue opens (relative to the app folder), a warning's words. */
  static Stream<Arguments> shapes() {
    return Stream.of(
        shape("plain", "DB_PATH=DB/tracks.db\n", "DB/tracks.db", null),
        shape("Notepad: BOM and CRLF", "\uFEFFDB_PATH=DB/tracks.db\r\nLOG=1\r\n", "DB/tracks.db",
            null),
        shape("BOM before every line", "\uFEFF\uFEFFA=1\r\n\uFEFFDB_PATH=b.db\r\n", "b.db", null),
        shape("an unrelated line the app skips", "export PYTHONPATH=.\nnot a setting\n"
            + "DB_PATH=x.db\n", "x.db", null),
        shape("old Mac line ends", "A=1\rDB_PATH=cr.db\r", "cr.db", null),
        shape("indented, trailing spaces", "   DB_PATH=ind.db   \n", "ind.db", null),
        shape("no-break spaces, as Python strips them", "\u00a0DB_PATH=nb.db\u00a0\n", "nb.db",
            null),
        shape("spaces inside the name", "DB_PATH=my music/tracks.db\n", "my music/tracks.db",
            null),
        shape("commented out", "#DB_PATH=old.db\nDB_PATH=new.db\n", "new.db", null),
        shape("no DB_PATH", "APP_NAME=tracks\n", "tracks.db", null),
        shape("lower case is another key", "db_path=lower.db\n", "tracks.db", null),
        shape("twice: the first wins", "DB_PATH=first.db\nDB_PATH=second.db\n", "first.db",
            "DB_PATH is set on lines 1, 2"),
        shape("spaces around = : only database.py reads it", "DB_PATH = spaced.db\n",
            "tracks.db", "database.py opens"),
        shape("export: neither reader takes it", "export DB_PATH=exported.db\n", "tracks.db",
            "read by neither of the app's readers"),
        shape("empty, then set: the job queue stops at the empty one",
            "DB_PATH=\nDB_PATH=later.db\n", "tracks.db", "is empty"),
        shape("an inline comment is part of the name", "DB_PATH=tracks.db # the live one\n",
            "tracks.db # the live one", "comment included"));
  }

  private static Arguments shape(String name, String content, String opens, String warning) {
    return Arguments.of(name, content, opens, warning);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void jobdbOpensTheFileTheJobQueueOpens(String name, String content, String opens,
      String warning) throws IOException {
    Path env = Files.writeString(app.resolve(".env"), content);

    DatabaseLocation location = settings(Map.of(), env).database(null);

    assertThat(location.path()).isEqualTo(app.resolve(opens));
    if (warning == null) {
      assertThat(location.warnings()).isEmpty();
    } else {
      assertThat(location.warnings()).anySatisfy(w -> assertThat(w).contains(warning));
    }
  }

  /** The same shapes read by Python itself with the job queue's rule, where python3 exists. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void pythonReadsTheSameShapesTheSameWay(String name, String content, String opens,
      String warning) throws Exception {
    Path env = Files.writeString(app.resolve(".env"), content);
    String python = String.join("\n",
        "import sys",
        "from pathlib import Path",
        "env = Path(sys.argv[1]); db = None",
        "with open(env, 'r', encoding='utf-8') as f:",
        "    for line in f:",
        "        line = line.strip().lstrip('\\ufeff')",
        "        if line.startswith('DB_PATH='):",
        "            db = line.split('=', 1)[1].strip()",
        "            break",
        "print(db if db else str(env.parent / 'tracks.db'))");
    String opened = runPython(python, env);

    assertThat(app.resolve(opened)).isEqualTo(app.resolve(opens));
  }

  @Test
  void quotesTheJobQueueWouldKeepAreRefusedWithTheReason() throws IOException {
    for (String quoted : new String[] {"DB_PATH=\"tracks.db\"\n", "DB_PATH='tracks.db'\n"}) {
      Path env = Files.writeString(app.resolve(".env"), quoted);
      assertThatThrownBy(() -> settings(Map.of(), env).database(null))
          .isInstanceOfSatisfying(JobdbException.class,
              e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
          .hasMessageContaining("line 1 of " + env + " is quoted")
          .hasMessageContaining("would open another file")
          .hasMessageEndingWith("write DB_PATH=tracks.db without quotes");
    }
  }

  @Test
  void aFileThatIsNotUtf8IsIgnoredAsTheJobQueueIgnoresIt() throws IOException {
    Path env = app.resolve(".env");
    Files.write(env, new byte[] {'D', 'B', '_', 'P', 'A', 'T', 'H', '=', 'x', '\n', (byte) 0xff});

    DatabaseLocation location = settings(Map.of(), env).database(null);

    assertThat(location.path()).isEqualTo(app.resolve("tracks.db"));
    assertThat(location.source()).isEqualTo(PathSource.DEFAULT);
    assertThat(location.warnings()).singleElement().asString()
        .contains("not valid UTF-8 (byte 10)").contains("ignores the whole file");
  }

  @Test
  void theDefaultIsTracksDbBesideTheEnvFileNotWhereJobdbRuns() throws IOException {
    Path env = Files.writeString(app.resolve(".env"), "APP_NAME=tracks\n");

    DatabaseLocation location = settings(Map.of(), env).database(null);

    assertThat(location.path()).isEqualTo(app.resolve("tracks.db"));
    assertThat(location.origin()).isEqualTo("default: no DB_PATH in the environment or in " + env);
  }

  @Test
  void theEnvironmentWinsButJobdbSaysTheJobQueueReadsOnlyTheFile() throws IOException {
    Path env = Files.writeString(app.resolve(".env"), "DB_PATH=app.db\n");

    Path other = app.resolveSibling("srv").resolve("other.db").toAbsolutePath();
    DatabaseLocation location =
        settings(Map.of("DB_PATH", other.toString()), env).database(null);

    assertThat(location.path()).isEqualTo(other);
    assertThat(location.warnings()).singleElement().asString()
        .contains("DB_PATH in " + env + ", line 1")
        .contains("the app's job queue reads only " + env + " and opens " + app.resolve("app.db"));
  }

  @Test
  void jobdbsOwnKeysAreReadLeniently() throws IOException {
    Path env = Files.writeString(app.resolve(".env"), "\uFEFF# jobdb\r\n"
        + "export JOBDB_CHANGELOG=\"db/changelog\"  # the app's folder\r\n"
        + "this line is nothing\r\n"
        + "JOBDB_ENUM = services/job_types.py\r\n");

    Settings settings = settings(Map.of(), env);

    assertThat(settings.changelog(null).directory()).isEqualTo(app.resolve("db/changelog"));
    assertThat(settings.changelog(null).origin()).isEqualTo("JOBDB_CHANGELOG in " + env
        + ", line 2");
    assertThat(settings.enumLocation(null).file()).isEqualTo(app.resolve("services/job_types.py"));
  }

  private Settings settings(Map<String, String> environment, Path env) {
    return new Settings(environment, elsewhere, env.toString());
  }

  private static String runPython(String program, Path env) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("python3", "-c", program, env.toString()).redirectErrorStream(true)
          .start();
    } catch (IOException noPython) {
      assumeThat(false).as("python3 is not installed: " + noPython.getMessage()).isTrue();
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out.toString(UTF_8)).isZero();
    return out.toString(UTF_8).stripTrailing();
  }
}
