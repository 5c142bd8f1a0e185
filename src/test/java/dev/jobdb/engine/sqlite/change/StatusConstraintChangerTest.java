package dev.jobdb.engine.sqlite.change;

import dev.jobdb.engine.ChangeMethod;

import dev.jobdb.engine.ConstraintChange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.fixture.DeployedDatabase.Shape;
import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.Collation;

/** The status constraint changed in place on real files: every shape, both directions. */
class StatusConstraintChangerTest {
  static final List<String> FIVE = List.of("pending", "running", "completed", "failed",
      "cancelled");
  static final List<String> NINE = List.of("pending", "running", "completed", "failed",
      "cancelled", "timeout", "retrying", "dead_letter", "zombie");
  private static final String NAME = "job_queue_status_check";

  @TempDir Path dir;

  static ConstraintChange change(Path db, List<String> values, boolean rebuild)
      throws Exception {
    try (Connection c = TestDatabases.openForRebuild(db)) {
      ConstraintChange change = new StatusConstraintChanger(rebuild, line -> {})
          .change(c, "test", "job_queue", "status", values, NAME);
      c.commit();
      return change;
    }
  }

  private static DatabaseFingerprint fingerprintExceptTable(Path db) throws Exception {
    return DatabaseFingerprint.of(db).ignoringSqlOf("table", "job_queue");
  }

  @Test
  void theDeployedUnnamedColumnLevelCheckIsReplacedWithoutRewritingARow() throws Exception {
    Path db = TestDatabases.deployed(dir);
    String before = TestDatabases.tableSql(db, "job_queue");
    DatabaseFingerprint fingerprint = fingerprintExceptTable(db);
    long pages = TestDatabases.count(db, "PRAGMA page_count");

    ConstraintChange change = change(db, NINE, false);

    assertThat(change.method()).isEqualTo(ChangeMethod.IN_PLACE);
    assertThat(change.reason()).isNull();
    assertThat(change.rows()).as("every row already held a new value: none read").isNull();
    String withoutCheck = before.replace("DEFAULT 'pending'\n"
        + "        CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),",
        "DEFAULT 'pending',");
    assertThat(withoutCheck).isNotEqualTo(before);
    assertThat(TestDatabases.tableSql(db, "job_queue")).isEqualTo(
        withoutCheck.substring(0, withoutCheck.length() - 1) + ", CONSTRAINT " + NAME
            + " CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled',"
            + " 'timeout', 'retrying', 'dead_letter', 'zombie')))");
    assertThat(fingerprintExceptTable(db).differencesFrom(fingerprint)).isEmpty();
    assertThat(TestDatabases.count(db, "PRAGMA page_count")).isEqualTo(pages);
    assertThat(TestDatabases.strings(db, "PRAGMA integrity_check")).containsExactly("ok");
  }

  @Test
  void theAppsTableLevelCheckIsNarrowedInPlaceAndItsOtherCheckKept() throws Exception {
    Path db = TestDatabases.appFixed(dir.resolve("tracks.db"));
    DatabaseFingerprint fingerprint = fingerprintExceptTable(db);

    ConstraintChange change = change(db, FIVE, false);

    assertThat(change.method()).isEqualTo(ChangeMethod.IN_PLACE);
    String sql = TestDatabases.tableSql(db, "job_queue");
    assertThat(sql).contains("moved_to_dead_letter_at TIMESTAMP,\n"
            + "    CHECK (priority >= 0 AND priority <= 20),")
        .doesNotContain("'zombie'")
        .endsWith(", CONSTRAINT " + NAME + " CHECK (status IN ('pending', 'running',"
            + " 'completed', 'failed', 'cancelled')))");
    assertThat(fingerprintExceptTable(db).differencesFrom(fingerprint)).isEmpty();
  }

  @Test
  void aNamedConstraintIsDroppedAndAddedByName() throws Exception {
    Path db = TestDatabases.deployed(dir);
    change(db, NINE, false);
    String widened = TestDatabases.tableSql(db, "job_queue");
    DatabaseFingerprint fingerprint = fingerprintExceptTable(db);

    ConstraintChange narrowed = change(db, FIVE, false);

    assertThat(narrowed.method()).isEqualTo(ChangeMethod.IN_PLACE);
    assertThat(narrowed.summary()).contains("the named CHECK dropped");
    assertThat(TestDatabases.tableSql(db, "job_queue")).isEqualTo(widened.replace(
        ", 'timeout', 'retrying', 'dead_letter', 'zombie'", ""));
    assertThat(fingerprintExceptTable(db).differencesFrom(fingerprint)).isEmpty();
  }

  @Test
  void theRichFixtureKeepsEveryColumnIndexTriggerViewChildRowAndTheCounter() throws Exception {
    Path db = TestDatabases.rich(dir);
    DatabaseFingerprint fingerprint = fingerprintExceptTable(db);

    assertThat(change(db, NINE, false).method()).isEqualTo(ChangeMethod.IN_PLACE);
    assertThat(fingerprintExceptTable(db).differencesFrom(fingerprint)).isEmpty();
    assertThat(change(db, FIVE, false).method()).isEqualTo(ChangeMethod.IN_PLACE);
    assertThat(fingerprintExceptTable(db).differencesFrom(fingerprint)).isEmpty();
    assertThat(TestDatabases.count(db, "SELECT seq FROM sqlite_sequence"
        + " WHERE name = 'job_queue'")).isEqualTo(624);
  }

  @Test
  void upDownUpLeavesEverythingButTheConstraintAsItWas() throws Exception {
    Path db = TestDatabases.deployed(dir);
    DatabaseFingerprint start = fingerprintExceptTable(db);

    change(db, NINE, false);
    String up = TestDatabases.tableSql(db, "job_queue");
    change(db, FIVE, false);
    assertThat(fingerprintExceptTable(db).differencesFrom(start)).isEmpty();
    change(db, NINE, false);

    assertThat(fingerprintExceptTable(db).differencesFrom(start)).isEmpty();
    assertThat(TestDatabases.tableSql(db, "job_queue")).isEqualTo(up);
  }

  @Test
  void narrowingOverRowsInARemovedStatusFailsAndChangesNothing() throws Exception {
    // The refusal with counts and ids is RebuildStatusCheck's (see RollbackCommandTest); here the
    // last line of defence: SQLite's own check of every row rolls the whole change back.
    Path db = TestDatabases.deployed(dir);
    change(db, NINE, false);
    TestDatabases.execute(db, "UPDATE job_queue SET status = 'zombie' WHERE id = 12");
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    try (Connection c = TestDatabases.openForRebuild(db)) {
      assertThatThrownBy(() -> new StatusConstraintChanger(false, line -> {})
          .change(c, "test", "job_queue", "status", FIVE, NAME))
          .hasMessageContaining("constraint failed");
      c.rollback();
    }
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
  }

  @Test
  void rebuildIsStillThereWhenAskedFor() throws Exception {
    Path db = TestDatabases.rich(dir);
    DatabaseFingerprint fingerprint = fingerprintExceptTable(db);

    ConstraintChange change = change(db, NINE, true);

    assertThat(change.method()).isEqualTo(ChangeMethod.REBUILT);
    assertThat(change.reason()).isEqualTo("--rebuild");
    assertThat(change.summary()).contains("rows copied by name");
    assertThat(TestDatabases.tableSql(db, "job_queue")).startsWith("CREATE TABLE \"job_queue\"");
    assertThat(fingerprintExceptTable(db).differencesFrom(fingerprint)).isEmpty();
  }

  @Test
  void whereTheEditedTextCannotBeTriedItSaysWhyAndRebuilds() throws Exception {
    // The app registers a collation of its own; a blank database (where jobdb tries the edited
    // text first) does not know it, so jobdb cannot show the text is safe to store.
    Path db = dir.resolve("tracks.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      appCollation(c);
      try (Statement s = c.createStatement()) {
        s.execute(DeployedDatabase.CREATE_001.replace("job_type TEXT NOT NULL,",
            "job_type TEXT NOT NULL COLLATE app_order,"));
      }
      DeployedDatabase.insertJobs(c, Shape.USERS_DATA);
    }

    ConstraintChange change;
    try (Connection c = TestDatabases.openForRebuild(db)) {
      appCollation(c);
      change = new StatusConstraintChanger(false, line -> {})
          .change(c, "test", "job_queue", "status", NINE, NAME);
      c.commit();
    }

    assertThat(change.method()).isEqualTo(ChangeMethod.REBUILT);
    assertThat(change.reason()).startsWith("in place impossible: the definition without its"
        + " unnamed CHECK does not parse").contains("no such collation sequence: app_order");
    assertThat(change.summary()).contains("rebuilt job_queue (in place impossible:");
    assertThat(TestDatabases.count(db, "SELECT count(*) FROM job_queue")).isEqualTo(624);
  }

  private static void appCollation(Connection c) throws Exception {
    Collation.create(c, "app_order", new Collation() {
      @Override
      protected int xCompare(String a, String b) {
        return a.compareTo(b);
      }
    });
  }

  @Test
  void theSystemsOlderSqliteReadsTheResultAndEnforcesIt() throws Exception {
    assumeTrue(sqlite3(List.of("--version")).exitCode == 0, "no sqlite3 CLI on PATH");
    for (String shape : List.of("deployed", "app-fixed")) {
      Path folder = java.nio.file.Files.createDirectory(dir.resolve(shape));
      Path db = shape.equals("deployed") ? TestDatabases.deployed(folder)
          : TestDatabases.appFixed(folder.resolve("tracks.db"));
      if (shape.equals("app-fixed")) {
        change(db, FIVE, false); // named now; back to all nine by DROP + ADD
      }
      change(db, NINE, false);

      Cli check = sqlite3(List.of(db.toString(), "PRAGMA integrity_check;"));
      assertThat(check.out.strip()).as(shape + " " + check.err).isEqualTo("ok");
      List<String> inserts = new ArrayList<>();
      inserts.add("BEGIN;");
      for (String status : NINE) {
        inserts.add("INSERT INTO job_queue (job_type, job_data, status) VALUES ('t', '{}', '"
            + status + "');");
      }
      inserts.add("SELECT count(*) FROM job_queue WHERE job_type = 't';");
      inserts.add("ROLLBACK;");
      Cli accepted = sqlite3(List.of(db.toString(), String.join(" ", inserts)));
      assertThat(accepted.exitCode).as(shape + " " + accepted.err).isEqualTo(0);
      assertThat(accepted.out.strip()).isEqualTo("9");
      Cli bogus = sqlite3(List.of(db.toString(),
          "INSERT INTO job_queue (job_type, job_data, status) VALUES ('t', '{}', 'bogus');"));
      assertThat(bogus.exitCode).isNotEqualTo(0);
      assertThat(bogus.err).contains("CHECK constraint failed");
      assertThat(TestDatabases.count(db, "SELECT count(*) FROM job_queue")).isEqualTo(624);
    }
  }

  private record Cli(int exitCode, String out, String err) {}

  private Cli sqlite3(List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sqlite3", "-bail"));
    command.addAll(args);
    Process p;
    try {
      p = new ProcessBuilder(command).start();
    } catch (java.io.IOException e) {
      return new Cli(-1, "", e.getMessage());
    }
    String out = new String(p.getInputStream().readAllBytes());
    String err = new String(p.getErrorStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Cli(p.exitValue(), out, err);
  }
}
