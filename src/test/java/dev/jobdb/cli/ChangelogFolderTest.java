package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's own changelog folder: the changesets read from it are the ones already applied from
 * jobdb's built-in changelog, and the other way round (no re-run, no re-adoption, no second row).
 */
class ChangelogFolderTest {
  /** What jobdb 1 recorded (java -jar jobdb-v1.jar migrate up): FILENAME and MD5SUM. */
  private static final List<String> RECORDED_BY_JOBDB_1 = List.of(
      "001-create-job-queue|jobdb|changelogs/001-create-job-queue.yaml"
          + "|9:1b033ec77443dc634c966be73decab76",
      "002-error-handling-columns|jobdb|changelogs/002-error-handling-columns.yaml"
          + "|9:8710372bdb832929ed95db7309edcac1",
      "003-status-accepts-all-job-statuses|jobdb|changelogs/003-status-accepts-all-job-statuses.yaml"
          + "|9:19381bcfe381fda5aefb4faf85a47860");

  private static final String HISTORY = "SELECT ID || '|' || AUTHOR || '|' || FILENAME || '|'"
      + " || MD5SUM || '|' || DATEEXECUTED || '|' || ORDEREXECUTED || '|' || EXECTYPE || '|'"
      + " || DEPLOYMENT_ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED";
  private static final String IDENTITY = "SELECT ID || '|' || AUTHOR || '|' || FILENAME || '|'"
      + " || MD5SUM FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED";
  /** The changesets jobdb 1 had; 003a (the app's indexes) came after it. */
  private static final String IDENTITY_OF_JOBDB_1S = "SELECT ID || '|' || AUTHOR || '|' ||"
      + " FILENAME || '|' || MD5SUM FROM DATABASECHANGELOG WHERE ID NOT LIKE '003a-%'"
      + " ORDER BY ORDEREXECUTED";

  @TempDir Path dir;
  Path folder;

  @BeforeEach
  void aCopyOfTheBuiltInChangelog() throws IOException {
    assumeTrue(System.getenv("JOBDB_CHANGELOG") == null, "JOBDB_CHANGELOG is set here");
    folder = Files.createDirectories(dir.resolve("app/db/changelog"));
    try (Stream<Path> files = Files.list(Path.of("changelogs"))) {
      for (Path file : files.toList()) {
        Files.copy(file, folder.resolve(file.getFileName()));
      }
    }
  }

  @Test
  void theBuiltInChangelogRecordsWhatJobdb1Recorded() throws Exception {
    Path db = dir.resolve("new.db");

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString(), "--create");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(TestDatabases.strings(db, IDENTITY_OF_JOBDB_1S)).isEqualTo(RECORDED_BY_JOBDB_1);
  }

  @Test
  void theUsersFolderSeesWhatTheBuiltInChangelogApplied() throws Exception {
    Path db = TestDatabases.deployed(dir);
    assertThat(CliRun.of("migrate", "up", "--db", db.toString()).exitCode()).isZero();
    List<String> history = TestDatabases.strings(db, HISTORY);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun up = CliRun.of("migrate", "up", "--db", db.toString(), "--changelog", folder.toString());
    CliRun status = CliRun.of("status", "--db", db.toString(), "--changelog", folder.toString());

    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out()).contains("nothing to do: every changeset is applied");
    assertThat(status.out()).contains("changesets:  11 applied, 0 pending")
        .doesNotContain("not in the changelog");
    assertThat(TestDatabases.strings(db, HISTORY)).isEqualTo(history);
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
  }

  @Test
  void theBuiltInChangelogSeesWhatTheUsersFolderAppliedAndRollsItBack() throws Exception {
    Path db = TestDatabases.deployed(dir);
    CliRun fromFolder =
        CliRun.of("migrate", "up", "--db", db.toString(), "--changelog", folder.toString());
    assertThat(fromFolder.exitCode()).as(fromFolder.err()).isZero();
    assertThat(TestDatabases.strings(db, IDENTITY).get(0))
        .startsWith("001-create-job-queue|jobdb|changelogs/001-create-job-queue.yaml|");
    List<String> history = TestDatabases.strings(db, HISTORY);

    CliRun up = CliRun.of("migrate", "up", "--db", db.toString());
    assertThat(up.out()).contains("nothing to do: every changeset is applied");
    assertThat(TestDatabases.strings(db, HISTORY)).isEqualTo(history);

    CliRun rollback = CliRun.of("rollback", "--db", db.toString(), "--no-backup");

    assertThat(rollback.exitCode()).as(rollback.err()).isZero();
    assertThat(rollback.out()).contains("003-status-accepts-all-job-statuses    rolled back");
    assertThat(TestDatabases.strings(db, HISTORY)).isEqualTo(history.subList(0, 10));
  }

  @Test
  void aDatabaseMigratedByJobdb1HasOnlyTheIndexChangesetsPendingFromTheUsersFolder() throws Exception {
    Path db = dir.resolve("v1.db");
    assertThat(CliRun.of("migrate", "up", "--db", db.toString(), "--create").exitCode()).isZero();
    // jobdb 1 had no 003a: its history is the 3 rows below, byte for byte in identity and checksum
    TestDatabases.execute(db, "DELETE FROM DATABASECHANGELOG WHERE ID LIKE '003a-%'");
    assertThat(TestDatabases.strings(db, IDENTITY)).isEqualTo(RECORDED_BY_JOBDB_1);
    List<String> history = TestDatabases.strings(db, HISTORY);

    CliRun status = CliRun.of("status", "--db", db.toString(), "--changelog", folder.toString());
    CliRun up = CliRun.of("migrate", "up", "--db", db.toString(), "--changelog", folder.toString());

    assertThat(status.out()).contains("changesets:  3 applied, 8 pending")
        .doesNotContainPattern("pending +00[123]-");
    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out()).doesNotContainPattern("00[123]-[a-z-]+ +(ran|adopted)")
        .doesNotContainPattern("003a-[a-z_]+ +ran");
    assertThat(TestDatabases.strings(db, HISTORY).subList(0, 3)).isEqualTo(history);
  }

  @Test
  void theAppsFolderWithItsOwnChangesetFollowsTheEnumFromTheEnvFile() throws Exception {
    Path app = dir.resolve("app");
    Path db = TestDatabases.deployedAt(app.resolve("tracks.db"));
    Files.createDirectories(app.resolve("services"));
    Files.writeString(app.resolve("services/job_types.py"), """
        from enum import StrEnum, auto

        class JobStatus(StrEnum):
            PENDING = auto()
            RUNNING = auto()
            COMPLETED = auto()
            FAILED = auto()
            CANCELLED = auto()
            TIMEOUT = auto()
            RETRYING = auto()
            DEAD_LETTER = auto()
            ZOMBIE = auto()
            PAUSED = auto()
        """);
    Files.writeString(folder.resolve("004-status-accepts-the-enum.yaml"), """
        databaseChangeLog:
          - changeSet:
              id: 004-status-accepts-the-enum
              author: app
              comment: status accepts every value of the app's enum
              preConditions:
                - onFail: MARK_RAN
                - customPrecondition:
                    className: dev.jobdb.migrate.changes.StatusCheckRejectsAny
              changes:
                - customChange:
                    class: dev.jobdb.migrate.changes.RebuildStatusCheck
                    constraintName: job_queue_status_check
              rollback:
                - customChange:
                    class: dev.jobdb.migrate.changes.RebuildStatusCheck
                    constraintName: job_queue_status_check
                    allowedValues: pending,running,completed,failed,cancelled,timeout,retrying,dead_letter,zombie
        """);
    Files.writeString(folder.resolve("master.yaml"), Files.readString(folder.resolve("master.yaml"))
        + "  - include:\n      file: 004-status-accepts-the-enum.yaml\n"
        + "      relativeToChangelogFile: true\n");
    Path env = Files.writeString(app.resolve(".env"), "DB_PATH=tracks.db\n"
        + "JOBDB_ENUM=services/job_types.py\nJOBDB_CHANGELOG=db/changelog\n");

    CliRun up = CliRun.of("migrate", "up", "--env-file", env.toString(), "--no-backup");
    CliRun verify = CliRun.of("verify-schema", "--env-file", env.toString());

    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out()).contains("003-status-accepts-all-job-statuses    ran")
        .contains("004-status-accepts-the-enum            ran")
        .contains("so status accepts pending, running, completed, failed, cancelled, timeout,"
            + " retrying, dead_letter, zombie, paused");
    assertThat(verify.exitCode()).as(verify.out()).isZero();
    assertThat(TestDatabases.strings(db, "SELECT FILENAME FROM DATABASECHANGELOG"
        + " WHERE ID = '004-status-accepts-the-enum'"))
        .containsExactly("004-status-accepts-the-enum.yaml");
  }

  @Test
  void aFolderNotCreatedYetStandsForTheBuiltInChangelog() throws Exception {
    Path db = TestDatabases.deployed(dir);
    Path missing = dir.resolve("no-such-folder");

    CliRun status = CliRun.of("status", "--db", db.toString(), "--changelog", missing.toString());
    CliRun up = CliRun.of("migrate", "up", "--db", db.toString(), "--changelog", missing.toString(),
        "--no-backup");

    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains("changesets:  0 applied, 11 pending");
    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(TestDatabases.strings(db, IDENTITY_OF_JOBDB_1S)).isEqualTo(RECORDED_BY_JOBDB_1);
    assertThat(missing).doesNotExist();
  }

  @Test
  void aFolderWithoutMasterIsAUsageErrorAndNothingChanges() throws Exception {
    Path db = TestDatabases.deployed(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    Files.delete(folder.resolve("master.yaml"));

    CliRun noMaster =
        CliRun.of("migrate", "up", "--db", db.toString(), "--changelog", folder.toString());

    assertThat(noMaster.exitCode()).isEqualTo(2);
    assertThat(noMaster.errLines()).hasSize(1);
    assertThat(noMaster.err()).startsWith("jobdb: no master.yaml in the changelog folder " + folder
        + " (--changelog)");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
  }
}
