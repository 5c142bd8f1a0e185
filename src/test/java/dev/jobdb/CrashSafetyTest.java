package dev.jobdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.fixture.DeployedDatabase.Shape;
import dev.jobdb.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jobdb process killed with SIGKILL at any moment leaves the database fully old or fully new, and
 * the next run completes without manual steps (no stale DATABASECHANGELOGLOCK, no leftover table).
 */
class CrashSafetyTest {
  private static final int JOBS = 100_000;
  /** Kill moments as fractions of how long an unkilled run takes on this machine. */
  private static final double[] KILL_AT = {0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.95};
  private static final String NEW_CHECK = "job_queue_status_check";

  @TempDir static Path shared;
  private static Path template;

  @TempDir Path dir;

  @BeforeAll
  static void buildTemplate() throws Exception {
    template = shared.resolve("template.db");
    DeployedDatabase.create(template, Shape.scaled(JOBS));
  }

  @Test
  void migrateUpKilledAtAnyMomentLeavesOldOrNewAndTheNextRunCompletes() throws Exception {
    long full = timeUnkilled(copyOfTemplate("up-timed"), "migrate", "up");
    List<String> states = new ArrayList<>();
    for (double fraction : KILL_AT) {
      long delay = (long) (full * fraction);
      Path db = copyOfTemplate("up-" + delay);

      killAfter(delay, "migrate", "up", "--db", db.toString());

      String state = oldOrNew(db);
      states.add(delay + " ms of " + full + ": " + state);
      assertThat(run("migrate", "up", "--db", db.toString(), "--no-backup")).isEqualTo(0);
      assertThat(oldOrNew(db)).isEqualTo("new");
      assertThat(run("verify-schema", "--db", db.toString())).isEqualTo(0);
    }
    System.out.println("migrate up killed: " + states);
  }

  @Test
  void rollbackKilledAtAnyMomentLeavesOldOrNewAndTheNextRunCompletes() throws Exception {
    Path migrated = copyOfTemplate("migrated");
    assertThat(run("migrate", "up", "--db", migrated.toString(), "--no-backup")).isEqualTo(0);
    Path timed = dir.resolve("rollback-timed.db");
    Files.copy(migrated, timed);
    long full = timeUnkilled(timed, "rollback");
    List<String> states = new ArrayList<>();
    for (double fraction : new double[] {0.2, 0.5, 0.8, 0.95}) {
      long delay = (long) (full * fraction);
      Path db = dir.resolve("rollback-" + delay + ".db");
      Files.copy(migrated, db);

      killAfter(delay, "rollback", "--db", db.toString());

      String state = oldOrNew(db);
      states.add(delay + " ms of " + full + ": " + state);
      int again = run("rollback", "--db", db.toString(), "--no-backup");
      assertThat(again).isEqualTo(0);
      assertThat(oldOrNew(db)).isEqualTo("old");
    }
    System.out.println("rollback killed: " + states);
  }

  /**
   * With indexes to recreate, each index changeset commits on its own: a kill leaves every index
   * either present and recorded or absent and unrecorded, the constraint old or new, and the next
   * run (clearing the dead run's Liquibase lock) completes with all 8 indexes.
   */
  @Test
  void migrateUpRecreatingIndexesKilledAtAnyMomentLeavesEachChangesetWholeAndTheNextRunCompletes()
      throws Exception {
    Path missing = dir.resolve("missing-template.db");
    Files.copy(template, missing);
    List<String> lost = new ArrayList<>(DeployedDatabase.INDEXES_001);
    lost.addAll(DeployedDatabase.INDEXES_002);
    lost.removeAll(DeployedDatabase.INDEXES_KEPT_BY_APP_FIX);
    List<String> names = lost.stream().map(sql -> sql.split(" ")[2]).toList();
    TestDatabases.execute(missing, names.stream().map(name -> "DROP INDEX " + name).toList());
    Path timed = dir.resolve("indexes-timed.db");
    Files.copy(missing, timed);
    long full = timeUnkilled(timed, "migrate", "up");
    assertThat(oldOrNew(timed)).as("the unkilled run completes").isEqualTo("new");
    List<String> states = new ArrayList<>();
    for (double fraction : new double[] {0.6, 0.75, 0.85, 0.9, 0.95}) {
      long delay = (long) (full * fraction);
      Path db = dir.resolve("indexes-" + delay + ".db");
      Files.copy(missing, db);

      killAfter(delay, "migrate", "up", "--db", db.toString());

      List<String> present = new ArrayList<>();
      for (String name : names) {
        boolean exists = TestDatabases.count(db, "SELECT count(*) FROM sqlite_schema"
            + " WHERE type = 'index' AND name = '" + name + "'") == 1;
        boolean recorded = !TestDatabases.strings(db, "SELECT name FROM sqlite_schema"
                + " WHERE name = 'DATABASECHANGELOG'").isEmpty()
            && TestDatabases.count(db, "SELECT count(*) FROM DATABASECHANGELOG WHERE ID = '003a-"
                + name + "'") == 1;
        assertThat(recorded).as(name + " recorded exactly when it exists").isEqualTo(exists);
        if (exists) {
          present.add(name);
        }
      }
      assertThat(TestDatabases.strings(db, "PRAGMA integrity_check")).containsExactly("ok");
      assertThat(TestDatabases.count(db, "SELECT count(*) FROM job_queue")).isEqualTo(JOBS);
      states.add(delay + " ms of " + full + ": " + present.size() + " of 4 indexes");
      assertThat(run("migrate", "up", "--db", db.toString(), "--no-backup")).isEqualTo(0);
      assertThat(oldOrNew(db)).isEqualTo("new");
    }
    System.out.println("migrate up recreating indexes killed: " + states);
  }

  private Path copyOfTemplate(String name) throws Exception {
    Path db = dir.resolve(name + ".db");
    Files.copy(template, db);
    return db;
  }

  /** "old" (5-status CHECK, 003 not recorded) or "new" (named 9-status CHECK, 003 recorded). */
  private static String oldOrNew(Path db) throws Exception {
    assertThat(TestDatabases.strings(db, "PRAGMA integrity_check")).containsExactly("ok");
    assertThat(TestDatabases.count(db, "SELECT count(*) FROM job_queue")).isEqualTo(JOBS);
    assertThat(TestDatabases.strings(db, "SELECT name FROM sqlite_schema WHERE type = 'table'"))
        .noneMatch(name -> name.contains("jobdb"));
    boolean recorded = !TestDatabases.strings(db,
            "SELECT name FROM sqlite_schema WHERE name = 'DATABASECHANGELOG'").isEmpty()
        && TestDatabases.count(db, "SELECT count(*) FROM DATABASECHANGELOG"
            + " WHERE ID = '003-status-accepts-all-job-statuses'") == 1;
    boolean rebuilt = TestDatabases.tableSql(db, "job_queue").contains(NEW_CHECK)
        && TestDatabases.tableSql(db, "job_queue").contains("'zombie'");
    assertThat(recorded).as("changeset recorded exactly when the table was rebuilt")
        .isEqualTo(rebuilt);
    assertThat(TestDatabases.strings(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
        + " AND tbl_name = 'job_queue' AND sql IS NOT NULL")).containsExactly("8");
    return rebuilt ? "new" : "old";
  }

  /** Wall time of the same command in a child process that is left to finish. */
  private static long timeUnkilled(Path db, String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("--db", db.toString()));
    long started = System.nanoTime();
    killAfter(TimeUnit.MINUTES.toMillis(5), args.toArray(String[]::new));
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  private static void killAfter(long millis, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    // Not the project folder: under surefire the class path holds "." as well, and Liquibase would
    // then find the built-in changelog twice (target/classes and ./changelogs) and refuse to run.
    Process process = new ProcessBuilder(command)
        .directory(Path.of(System.getProperty("java.io.tmpdir")).toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
      process.destroyForcibly(); // SIGKILL on Linux and macOS
    }
    process.waitFor();
  }

  private static int run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = dev.jobdb.cli.Cli.create(new PrintWriter(out), new PrintWriter(err)).execute(args);
    if (code != 0) {
      System.err.println(String.join(" ", args) + " -> " + code + "\n" + out + err);
    }
    return code;
  }
}
