package dev.jobdb.cli;

import dev.jobdb.engine.sqlite.RunLock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateUpCommandTest {
  @TempDir Path dir;

  @Test
  void rebuildsTheDeployedTableKeepingEveryJobIndexAndValue() throws Exception {
    Path db = TestDatabases.deployed(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .contains("database: " + db + " (--db)")
        .contains("001-create-job-queue                   adopted")
        .contains("002-error-handling-columns             adopted")
        .contains("003-status-accepts-all-job-statuses    ran")
        .contains("before:   624 jobs: completed 445, failed 136, pending 25, cancelled 11, running 7")
        .contains("after:    624 jobs: completed 445, failed 136, pending 25, cancelled 11, running 7");
    DatabaseFingerprint after = DatabaseFingerprint.of(db);
    assertThat(before.ignoringSqlOf("table", "job_queue")
            .differencesFrom(after.withoutLiquibaseTables().ignoringSqlOf("table", "job_queue")))
        .isEmpty();
    assertThat(TestDatabases.tableSql(db, "job_queue"))
        .contains("CONSTRAINT job_queue_status_check CHECK (status IN ('pending', 'running',"
            + " 'completed', 'failed', 'cancelled', 'timeout', 'retrying', 'dead_letter', 'zombie'))")
        .doesNotContain("CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled'))");
    assertThat(TestDatabases.strings(db,
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"))
        .hasSize(8);
  }

  @Test
  void afterMigrationTheUsersCrashingWriteWorksAndVerifySchemaIsInSync() throws Exception {
    Path db = TestDatabases.deployed(dir);
    assertThat(CliRun.of("verify-schema", "--db", db.toString()).exitCode()).isEqualTo(1);

    assertThat(CliRun.of("migrate", "up", "--db", db.toString()).exitCode()).isEqualTo(0);

    TestDatabases.execute(db, List.of("UPDATE job_queue SET status = 'zombie' WHERE id = 1"));
    assertThat(TestDatabases.count(db, "SELECT count(*) FROM job_queue WHERE status = 'zombie'"))
        .isEqualTo(1);
    CliRun verify = CliRun.of("verify-schema", "--db", db.toString());
    assertThat(verify.exitCode()).as(verify.out()).isEqualTo(0);
  }

  @Test
  void leavesAVerifiedSnapshotWithEveryJobAndTheOriginalsPermissions() throws Exception {
    Path db = TestDatabases.deployed(dir);
    Path backups = Files.createDirectory(dir.resolve("backups"));

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString(), "--backup-dir", backups.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    List<Path> snapshots = list(backups);
    assertThat(snapshots).hasSize(1);
    assertThat(run.out()).contains("backup:   " + snapshots.get(0)).contains("624 jobs");
    assertThat(TestDatabases.count(snapshots.get(0), "SELECT count(*) FROM job_queue"))
        .isEqualTo(624);
    assertThat(TestDatabases.tableSql(snapshots.get(0), "job_queue"))
        .isEqualTo(DeployedDatabaseSql.deployedTableSql(dir));
    Assumptions.assumeTrue(Files.getFileStore(db).supportsFileAttributeView("posix"),
        "no POSIX permissions here (Windows): the snapshot's permissions are not compared");
    assertThat(Files.getPosixFilePermissions(snapshots.get(0)))
        .isEqualTo(Files.getPosixFilePermissions(db));
  }

  @Test
  void aSecondRunHasNothingToDoAndChangesNothing() throws Exception {
    Path db = TestDatabases.deployed(dir);
    assertThat(CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup").exitCode())
        .isEqualTo(0);
    DatabaseFingerprint migrated = DatabaseFingerprint.of(db);

    CliRun second = CliRun.of("migrate", "up", "--db", db.toString());

    assertThat(second.exitCode()).isEqualTo(0);
    assertThat(second.out()).contains("nothing to do: every changeset is applied");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(migrated)).isEmpty();
    assertThat(list(dir)).noneMatch(p -> p.toString().endsWith(".jobdb-snapshot"));
  }

  @Test
  void keepsExtraColumnsIndexesTriggersViewsChildRowsAndTheCounter() throws Exception {
    Path db = TestDatabases.rich(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    DatabaseFingerprint after = DatabaseFingerprint.of(db).withoutLiquibaseTables();
    assertThat(before.ignoringSqlOf("table", "job_queue")
            .differencesFrom(after.ignoringSqlOf("table", "job_queue")))
        .isEmpty();
    assertThat(after.sequences()).containsEntry("job_queue", 624L);
    assertThat(after.rowsOf("job_events")).hasSize(before.rowsOf("job_events").size());
  }

  @Test
  void aDatabaseTheAppAlreadyFixedIsAdoptedNotRebuilt() throws Exception {
    Path db = TestDatabases.appFixed(dir.resolve("tracks.db"));
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).contains("003-status-accepts-all-job-statuses    adopted");
    assertThat(before.differencesFrom(DatabaseFingerprint.of(db).withoutLiquibaseTables()))
        .isEmpty();
  }

  @Test
  void aTableWithout002sColumnsGetsThemThenTheRebuild() throws Exception {
    Path db = dir.resolve("tracks.db");
    DeployedDatabase.create(db,
        Stream.concat(Stream.of(DeployedDatabase.CREATE_001), DeployedDatabase.INDEXES_001.stream())
            .toList(),
        DeployedDatabase.Shape.USERS_DATA);

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .contains("001-create-job-queue                   adopted")
        .contains("002-error-handling-columns             ran")
        .contains("003-status-accepts-all-job-statuses    ran");
    assertThat(CliRun.of("verify-schema", "--db", db.toString()).exitCode()).isEqualTo(0);
  }

  @Test
  void aMissingDatabaseIsRefusedAndNotCreated() {
    Path db = dir.resolve("DB").resolve("tracks.db");

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString());

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("database not found: " + db).contains("--create");
    assertThat(db).doesNotExist();
    assertThat(db.getParent()).doesNotExist();
  }

  @Test
  void createBuildsTheWholeCurrentSchemaInANewFile() throws Exception {
    Path db = dir.resolve("new.db");

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString(), "--create");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).contains("created:  " + db).contains("001-create-job-queue                   ran");
    assertThat(CliRun.of("verify-schema", "--db", db.toString()).exitCode()).isEqualTo(0);
    assertThat(TestDatabases.strings(db, "PRAGMA journal_mode")).containsExactly("wal");
  }

  @Test
  void dryRunPrintsTheSqlAndChangesNothingAtAll() throws Exception {
    Path db = TestDatabases.deployed(dir);
    List<Path> filesBefore = list(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString(), "--dry-run");
    CliRun rebuild = CliRun.of("migrate", "up", "--db", db.toString(), "--dry-run", "--rebuild");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .contains("PRAGMA writable_schema = ON;")
        .contains("UPDATE sqlite_schema SET sql = 'CREATE TABLE job_queue (")
        .contains("CONSTRAINT job_queue_status_check CHECK (status IN (''pending'', ''running''")
        .doesNotContain("ADD CONSTRAINT")
        .doesNotContain("INSERT INTO job_queue__jobdb_rebuild")
        .contains("dry run: rehearsed in a transaction and rolled back; nothing was changed");
    assertThat(rebuild.exitCode()).as(rebuild.err()).isEqualTo(0);
    assertThat(rebuild.out())
        .contains("CREATE TABLE")
        .contains("INSERT INTO")
        .contains("CREATE INDEX idx_job_queue_dead_letter")
        .doesNotContain("writable_schema")
        .contains("dry run: rehearsed in a transaction and rolled back; nothing was changed");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
    assertThat(TestDatabases.strings(db, "SELECT name FROM sqlite_schema WHERE name LIKE 'DATABASECHANGELOG%'"))
        .isEmpty();
    assertThat(list(dir)).isEqualTo(filesBefore);
  }

  @Test
  void jsonIsOneDocumentWithTheSameFacts() throws Exception {
    Path db = TestDatabases.deployed(dir);

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup", "--json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
    assertThat(json.get("outcome").asText()).isEqualTo("applied");
    assertThat(json.get("database").get("path").asText()).isEqualTo(db.toString());
    assertThat(json.get("before").get("total").asLong()).isEqualTo(624);
    assertThat(json.get("after").get("byStatus").get("completed").asLong()).isEqualTo(445);
    assertThat(json.get("planned")).hasSize(11);
    assertThat(json.get("done")).hasSize(11);
    assertThat(json.get("done").get(2).get("id").asText()).isEqualTo("003a-idx_job_queue_status");
    assertThat(json.get("done").get(2).get("how").asText()).isEqualTo("adopted");
    assertThat(json.get("done").get(10).get("id").asText())
        .isEqualTo("003-status-accepts-all-job-statuses");
    assertThat(json.get("done").get(10).get("how").asText()).isEqualTo("ran");
    var change = json.get("constraintChanges").get(0);
    assertThat(change.get("changeSet").asText()).isEqualTo("003-status-accepts-all-job-statuses");
    assertThat(change.get("method").asText()).isEqualTo("in_place");
    assertThat(change.get("reason").isNull()).isTrue();
    assertThat(change.get("rows").isNull()).as("no row read under the lock").isTrue();
  }

  @Test
  void aFailureInTheMiddleOfTheRebuildLeavesTheDatabaseExactlyAsItWas() throws Exception {
    // A row that breaks another CHECK of the table (written while the app had CHECKs switched
    // off) makes the copy into the new table fail after the changesets before it have run. (In
    // place, only the new constraint is checked, so only --rebuild meets that row.)
    Path db = dir.resolve("tracks.db");
    String withPriorityCheck = DeployedDatabase.CREATE_001.replace(
        "    FOREIGN KEY (parent_job_id)", "    CHECK (priority >= 0),\n    FOREIGN KEY (parent_job_id)");
    DeployedDatabase.create(db, Stream.of(List.of(withPriorityCheck), DeployedDatabase.INDEXES_001,
            DeployedDatabase.ALTERS_002, DeployedDatabase.INDEXES_002).flatMap(List::stream).toList(),
        DeployedDatabase.Shape.USERS_DATA);
    TestDatabases.execute(db, List.of("PRAGMA ignore_check_constraints = ON",
        "UPDATE job_queue SET priority = -1 WHERE id = 42"));
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString(), "--rebuild");

    assertThat(run.exitCode()).isEqualTo(5);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("rolled back").contains("CHECK constraint failed");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
    assertThat(list(dir)).allMatch(p -> p.toString().startsWith(db.toString()))
        .noneMatch(p -> p.toString().endsWith(".jobdb-snapshot"));
  }

  @Test
  void aLiquibaseLockLeftByAKilledJobdbIsClearedAndTheRunCompletes() throws Exception {
    Path db = TestDatabases.deployed(dir);
    assertThat(CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup").exitCode())
        .isEqualTo(0);
    assertThat(CliRun.of("rollback", "--db", db.toString(), "--no-backup").exitCode()).isEqualTo(0);
    String killed = liquibase.util.NetUtil.getLocalHostName() + "#jobdb-pid-" + endedPid()
        + " (10.0.0.9)";
    TestDatabases.execute(db, List.of("UPDATE DATABASECHANGELOGLOCK SET LOCKED = 1,"
        + " LOCKEDBY = '" + killed + "', LOCKGRANTED = '2026-11-28 10:00:00'"));

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).contains("cleared a Liquibase lock left by a killed run (" + killed);
    assertThat(TestDatabases.strings(db, "SELECT LOCKED FROM DATABASECHANGELOGLOCK"))
        .containsExactly("0");
  }

  /**
   * A run killed after Liquibase's lock row was committed (bookkeeping commits on its own) leaves
   * it locked; a rollback, whose Liquibase rolls back before it reads that row, must still find it
   * cleared (it once waited five minutes for the dead run).
   */
  @Test
  void aLiquibaseLockLeftByAKilledJobdbIsClearedBeforeARollbackToo() throws Exception {
    Path db = TestDatabases.deployed(dir);
    assertThat(CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup").exitCode())
        .isEqualTo(0);
    String killed = liquibase.util.NetUtil.getLocalHostName() + "#jobdb-pid-" + endedPid()
        + " (10.0.0.9)";
    TestDatabases.execute(db, List.of("UPDATE DATABASECHANGELOGLOCK SET LOCKED = 1,"
        + " LOCKEDBY = '" + killed + "', LOCKGRANTED = '2026-11-28 10:00:00'"));

    CliRun run = CliRun.of("rollback", "--db", db.toString(), "--no-backup");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).contains("cleared a Liquibase lock left by a killed run (" + killed);
    assertThat(TestDatabases.tableSql(db, "job_queue")).doesNotContain("zombie");
    assertThat(TestDatabases.strings(db, "SELECT LOCKED FROM DATABASECHANGELOGLOCK"))
        .containsExactly("0");
  }

  @Test
  void aLiquibaseLockHeldByAnotherLiquibaseIsLeftAloneAndNothingChanges() throws Exception {
    Path db = TestDatabases.deployed(dir);
    assertThat(CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup").exitCode())
        .isEqualTo(0);
    assertThat(CliRun.of("rollback", "--db", db.toString(), "--no-backup").exitCode()).isEqualTo(0);
    TestDatabases.execute(db, List.of("UPDATE DATABASECHANGELOGLOCK SET LOCKED = 1,"
        + " LOCKEDBY = 'ci-runner (10.0.0.9)', LOCKGRANTED = '2026-11-28 10:00:00'"));
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.errLines()).containsExactly("jobdb: Liquibase's lock (DATABASECHANGELOGLOCK)"
        + " is held by ci-runner (10.0.0.9) since 2026-11-28 10:00:00, which may still be at work"
        + " (Liquibase's own command line?); nothing was changed. Wait for it; if no Liquibase is"
        + " running, release it with Liquibase's release-locks command and run again");
    assertThat(DatabaseFingerprint.of(db)).isEqualTo(before);
  }

  /** The pid of a process that has ended: no process holds it now (until the OS reuses it). */
  private static long endedPid() throws Exception {
    Process p = new ProcessBuilder("java", "-version").start();
    p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
    p.waitFor();
    return p.pid();
  }

  @Test
  void whileAnotherJobdbHoldsTheDatabaseItSaysWhoAndChangesNothing() throws Exception {
    Path db = TestDatabases.deployed(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    try (var held = dev.jobdb.engine.sqlite.RunLock.acquire(db, "migrate up")) {
      CliRun run = CliRun.of("migrate", "up", "--db", db.toString());

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.errLines()).hasSize(1);
      assertThat(run.err()).contains("another jobdb").contains("migrate up");
    }
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
  }

  private static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().toList();
    }
  }
}
