package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollbackCommandTest {
  private static final String FULL_REMAP =
      "zombie=failed,timeout=failed,retrying=pending,dead_letter=failed";

  @TempDir Path dir;

  private Path migrated(Path db) {
    CliRun up = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup");
    assertThat(up.exitCode()).as(up.err()).isEqualTo(0);
    return db;
  }

  /** 2 jobs in each of the 4 statuses the old constraint rejects (ids 1-8). */
  private static void putJobsInNewStatuses(Path db) throws Exception {
    TestDatabases.execute(db, List.of(
        "UPDATE job_queue SET status = 'zombie' WHERE id IN (1, 2)",
        "UPDATE job_queue SET status = 'timeout' WHERE id IN (3, 4)",
        "UPDATE job_queue SET status = 'retrying' WHERE id IN (5, 6)",
        "UPDATE job_queue SET status = 'dead_letter' WHERE id IN (7, 8)"));
  }

  @Test
  void upRollbackUpLeavesEveryFixtureAsItWasExceptTheConstraintText() throws Exception {
    for (String shape : List.of("deployed", "rich", "without-002")) {
      Path folder = java.nio.file.Files.createDirectory(dir.resolve(shape));
      Path db = switch (shape) {
        case "rich" -> TestDatabases.rich(folder);
        case "without-002" -> without002(folder);
        default -> TestDatabases.deployed(folder);
      };
      DatabaseFingerprint start = DatabaseFingerprint.of(db).ignoringSqlOf("table", "job_queue");

      migrated(db);
      DatabaseFingerprint up = DatabaseFingerprint.of(db).withoutLiquibaseTables()
          .ignoringSqlOf("table", "job_queue");
      // Where 002 was adopted, only 003: rolling back an adopted 002 drops its empty columns too.
      CliRun rollback = CliRun.of("rollback", "--db", db.toString(), "--no-backup", "--to",
          shape.equals("without-002") ? "001-create-job-queue" : "002-error-handling-columns");
      assertThat(rollback.exitCode()).as(rollback.err()).isEqualTo(0);
      assertThat(TestDatabases.tableSql(db, "job_queue"))
          .contains("CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled'))");
      assertThat(DatabaseFingerprint.of(db).withoutLiquibaseTables()
              .ignoringSqlOf("table", "job_queue").differencesFrom(start))
          .as(shape).isEmpty();

      migrated(db);
      assertThat(DatabaseFingerprint.of(db).withoutLiquibaseTables()
              .ignoringSqlOf("table", "job_queue").differencesFrom(up))
          .as(shape).isEmpty();
    }
  }

  private static Path without002(Path folder) throws Exception {
    Path db = folder.resolve("tracks.db");
    List<String> schema = new java.util.ArrayList<>(List.of(DeployedDatabase.CREATE_001));
    schema.addAll(DeployedDatabase.INDEXES_001);
    DeployedDatabase.create(db, schema, DeployedDatabase.Shape.USERS_DATA);
    return db;
  }

  @Test
  void refusesWhenJobsAreInStatusesTheOldConstraintRejectsAndChangesNothing() throws Exception {
    Path db = migrated(TestDatabases.deployed(dir));
    putJobsInNewStatuses(db);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun run = CliRun.of("rollback", "--db", db.toString());

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err())
        .contains("zombie (2 rows, ids 1, 2)")
        .contains("timeout (2 rows, ids 3, 4)")
        .contains("retrying (2 rows, ids 5, 6)")
        .contains("dead_letter (2 rows, ids 7, 8)")
        .contains("--remap")
        .contains("keep the migration");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
    assertThat(java.nio.file.Files.list(dir).map(Path::toString))
        .noneMatch(name -> name.endsWith(".jobdb-snapshot"));
  }

  @Test
  void remapMovesExactlyThoseRowsAndKeepsEveryJob() throws Exception {
    Path db = migrated(TestDatabases.deployed(dir));
    putJobsInNewStatuses(db);
    List<String> untouchedBefore = TestDatabases.strings(db,
        "SELECT id || ':' || status FROM job_queue WHERE id > 8 ORDER BY id");

    CliRun run = CliRun.of("rollback", "--db", db.toString(), "--no-backup", "--remap", FULL_REMAP);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .contains("remapped zombie -> failed: 2 rows")
        .contains("remapped retrying -> pending: 2 rows")
        .contains("003-status-accepts-all-job-statuses    rolled back");
    assertThat(TestDatabases.strings(db,
            "SELECT id || ':' || status FROM job_queue WHERE id <= 8 ORDER BY id"))
        .containsExactly("1:failed", "2:failed", "3:failed", "4:failed", "5:pending", "6:pending",
            "7:failed", "8:failed");
    assertThat(TestDatabases.strings(db,
            "SELECT id || ':' || status FROM job_queue WHERE id > 8 ORDER BY id"))
        .isEqualTo(untouchedBefore);
    assertThat(TestDatabases.count(db, "SELECT count(*) FROM job_queue")).isEqualTo(624);
    assertThat(CliRun.of("verify-schema", "--db", db.toString()).exitCode()).isEqualTo(1);
  }

  @Test
  void anIncompleteRemapStillRefuses() throws Exception {
    Path db = migrated(TestDatabases.deployed(dir));
    putJobsInNewStatuses(db);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun run = CliRun.of("rollback", "--db", db.toString(), "--remap", "zombie=failed");

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err()).contains("timeout (2 rows").doesNotContain("zombie (2 rows");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
  }

  @Test
  void withNothingAppliedSaysSoAndChangesNothing() throws Exception {
    Path db = TestDatabases.deployed(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun run = CliRun.of("rollback", "--db", db.toString());

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out()).contains("nothing to roll back");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
  }

  @Test
  void rollingBackEveryAdoptedChangesetRefusesToDropTheAppsTableWithItsJobs() throws Exception {
    Path db = dir.resolve("tracks.db");
    DeployedDatabase.create(db, List.of(DeployedDatabase.CREATE_APP_FIXED),
        DeployedDatabase.Shape.USERS_DATA);
    migrated(db);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun run = CliRun.of("rollback", "--db", db.toString(), "--count", "11", "--no-backup");

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("rolling back 001-create-job-queue (adopted: the app made it)"
        + " would lose 624 jobs in job_queue");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
  }

  @Test
  void rollingBackAnAdopted003NarrowsTheAppsConstraintLikeAnyRollback() throws Exception {
    Path db = migrated(TestDatabases.appFixed(dir.resolve("tracks.db")));
    DatabaseFingerprint before = DatabaseFingerprint.of(db).withoutLiquibaseTables()
        .ignoringSqlOf("table", "job_queue");

    CliRun run = CliRun.of("rollback", "--db", db.toString(), "--no-backup");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).contains("003-status-accepts-all-job-statuses    rolled back (in place)");
    String sql = TestDatabases.tableSql(db, "job_queue");
    assertThat(sql).contains("CONSTRAINT job_queue_status_check CHECK (status IN ('pending',"
            + " 'running', 'completed', 'failed', 'cancelled'))")
        .doesNotContain("'zombie'")
        .contains("CHECK (priority >= 0 AND priority <= 20)");
    assertThat(DatabaseFingerprint.of(db).withoutLiquibaseTables()
        .ignoringSqlOf("table", "job_queue").differencesFrom(before)).isEmpty();
    assertThat(CliRun.of("status", "--db", db.toString()).out())
        .containsPattern("pending +003-status-accepts-all-job-statuses");
    CliRun zombie = CliRun.of("verify-schema", "--db", db.toString());
    assertThat(zombie.exitCode()).isEqualTo(1);
  }

  @Test
  void rollingBackAnAdopted003RefusesOverRowsInTheNewStatuses() throws Exception {
    Path db = migrated(TestDatabases.appFixed(dir.resolve("tracks.db")));
    TestDatabases.execute(db, "UPDATE job_queue SET status = 'zombie' WHERE id IN (3, 9)");
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun run = CliRun.of("rollback", "--db", db.toString(), "--no-backup");

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err()).contains("zombie (2 rows, ids 3, 9)").contains("--remap");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();

    CliRun remapped = CliRun.of("rollback", "--db", db.toString(), "--no-backup", "--remap",
        "zombie=failed");
    assertThat(remapped.exitCode()).as(remapped.err()).isEqualTo(0);
    assertThat(TestDatabases.count(db, "SELECT count(*) FROM job_queue")).isEqualTo(624);
  }

  @Test
  void rollingBackAnAdopted002DropsItsColumnsOnlyWhileTheyHoldNoValue() throws Exception {
    Path db = migrated(TestDatabases.appFixed(dir.resolve("tracks.db")));
    TestDatabases.execute(db, "UPDATE job_queue SET failure_type = 'http' WHERE id = 7");
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    // 003, the 8 index changesets (adopted: they keep the app's indexes), then 002
    CliRun refused = CliRun.of("rollback", "--db", db.toString(), "--no-backup", "--to",
        "001-create-job-queue");

    assertThat(refused.exitCode()).isEqualTo(4);
    assertThat(refused.err()).contains("rolling back 002-error-handling-columns (adopted: the app"
        + " made it) would lose 1 jobs with values in 002's columns");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();

    TestDatabases.execute(db, "UPDATE job_queue SET failure_type = NULL WHERE id = 7");
    CliRun run = CliRun.of("rollback", "--db", db.toString(), "--no-backup", "--to",
        "001-create-job-queue");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(TestDatabases.strings(db, "SELECT name FROM pragma_table_info('job_queue')"))
        .hasSize(15).doesNotContain("failure_type", "moved_to_dead_letter_at");
    assertThat(TestDatabases.count(db, "SELECT count(*) FROM job_queue")).isEqualTo(624);
  }

  @Test
  void refusesToDropJobQueueOrFilledColumnsThatJobdbCreated() throws Exception {
    Path db = dir.resolve("new.db");
    assertThat(CliRun.of("migrate", "up", "--db", db.toString(), "--create").exitCode())
        .isEqualTo(0);
    TestDatabases.execute(db, List.of(
        "INSERT INTO job_queue (job_type, job_data, failure_type) VALUES ('download', '{}', 'http')"));
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun run = CliRun.of("rollback", "--db", db.toString(), "--to", "001-create-job-queue");

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err()).contains("would lose 1 jobs with values in 002's columns");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
  }

  @Test
  void rebuildForcesTheRebuildAndTheJsonSaysWhichWayEachChangeWent() throws Exception {
    Path db = migrated(TestDatabases.deployed(dir));
    DatabaseFingerprint before = DatabaseFingerprint.of(db).withoutLiquibaseTables()
        .ignoringSqlOf("table", "job_queue");

    CliRun run = CliRun.of("rollback", "--db", db.toString(), "--no-backup", "--rebuild",
        "--json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
    var change = json.get("constraintChanges").get(0);
    assertThat(change.get("method").asText()).isEqualTo("rebuilt");
    assertThat(change.get("reason").asText()).isEqualTo("--rebuild");
    assertThat(change.get("allowedValues")).hasSize(5);
    assertThat(TestDatabases.tableSql(db, "job_queue")).startsWith("CREATE TABLE \"job_queue\"");
    assertThat(DatabaseFingerprint.of(db).withoutLiquibaseTables()
        .ignoringSqlOf("table", "job_queue").differencesFrom(before)).isEmpty();
  }

  @Test
  void anUnknownToIdIsAUsageError() throws Exception {
    Path db = migrated(TestDatabases.deployed(dir));

    CliRun run = CliRun.of("rollback", "--db", db.toString(), "--to", "042-nope");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--to 042-nope: no such applied changeset");
  }

  @Test
  void dryRunRehearsesTheNarrowingAndChangesNothing() throws Exception {
    Path db = migrated(TestDatabases.deployed(dir));
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun run = CliRun.of("rollback", "--db", db.toString(), "--dry-run");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).contains("CHECK (status IN (''pending'', ''running'', ''completed'',"
        + " ''failed'', ''cancelled''))").contains("dry run");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
  }
}
