package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateDiffCommandTest {
  private static final String NINE = "pending, running, completed, failed, cancelled, timeout,"
      + " retrying, dead_letter, zombie";

  @TempDir Path dir;

  private Path db;
  private Path changelog;
  private Path enumFile;

  /** The deployed database, migrated with the built-in changelog: 9 statuses accepted. */
  private void migratedDeployed() throws Exception {
    db = TestDatabases.deployed(dir);
    changelog = dir.resolve("db").resolve("changelog");
    enumFile = dir.resolve("services").resolve("job_types.py");
    CliRun up = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup");
    assertThat(up.exitCode()).as(up.err()).isZero();
  }

  private CliRun jobdb(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--db", db.toString(), "--enum", enumFile.toString()));
    if (args[0].equals("verify-schema")) {
      return CliRun.of(all.toArray(String[]::new));
    }
    if (!all.contains("--no-changelog")) {
      all.addAll(List.of("--changelog", changelog.toString()));
    } else {
      all.remove("--no-changelog");
    }
    if (args[0].equals("migrate") && args[1].equals("up") || args[0].equals("rollback")) {
      all.add("--no-backup");
    }
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void nineToTenWritesTheWideningChangesetIntoANewFolderHoldingTheBuiltInOnes() throws Exception {
    migratedDeployed();
    AppFolder.write(enumFile, AppFolder.withMemberAfterZombie("PAUSED = \"paused\""));
    List<String> historyBefore = history();

    CliRun diff = jobdb("migrate", "diff");

    assertThat(diff.exitCode()).as(diff.err()).isZero();
    Path written = changelog.resolve("004-status-accepts-paused.yaml");
    assertThat(diff.out())
        .contains("changelog: " + changelog + " (--changelog)")
        .contains("live:      job_queue.status accepts " + NINE)
        .contains("change:    accepts paused")
        .contains("wrote:     " + written + " (included in master.yaml)")
        .contains("next:      jobdb migrate up");
    for (String builtIn : List.of("001-create-job-queue.yaml", "002-error-handling-columns.yaml",
        "003a-app-indexes.yaml", "003-status-accepts-all-job-statuses.yaml")) {
      assertThat(Files.readAllBytes(changelog.resolve(builtIn))).as(builtIn)
          .isEqualTo(builtIn(builtIn));
    }
    assertThat(Files.readString(changelog.resolve("master.yaml")))
        .startsWith(new String(builtIn("master.yaml")))
        .endsWith("  - include:\n      file: 004-status-accepts-paused.yaml\n"
            + "      relativeToChangelogFile: true\n");
    assertThat(Files.readString(written))
        .contains("id: 004-status-accepts-paused")
        .contains("className: dev.jobdb.migrate.changes.StatusCheckRejectsAny")
        .contains("allowedValues: pending,running,completed,failed,cancelled,timeout,retrying,"
            + "dead_letter,zombie,paused\n")
        .contains("allowedValues: pending,running,completed,failed,cancelled,timeout,retrying,"
            + "dead_letter,zombie\n");
    assertThat(history()).isEqualTo(historyBefore);

    CliRun up = jobdb("migrate", "up");

    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out()).containsPattern("004-status-accepts-paused +ran \\(in place\\)\n")
        .doesNotContainPattern("00[123]a?-[a-z_-]+ +(ran|adopted)\n");
    assertThat(TestDatabases.tableSql(db, "job_queue")).contains("'zombie', 'paused'))");
    assertThat(jobdb("verify-schema").exitCode()).isZero();
    TestDatabases.execute(db, "UPDATE job_queue SET status = 'paused' WHERE id = 1");
    assertThat(history().subList(0, historyBefore.size())).isEqualTo(historyBefore);
  }

  @Test
  void theGeneratedChangesetIsRolledBackByRollback() throws Exception {
    migratedDeployed();
    DatabaseFingerprint nine = DatabaseFingerprint.of(db);
    AppFolder.write(enumFile, AppFolder.withMemberAfterZombie("PAUSED = \"paused\""));
    assertThat(jobdb("migrate", "diff").exitCode()).isZero();
    assertThat(jobdb("migrate", "up").exitCode()).isZero();

    CliRun rollback = jobdb("rollback");

    assertThat(rollback.exitCode()).as(rollback.err()).isZero();
    assertThat(rollback.out()).containsPattern("004-status-accepts-paused +rolled back \\(in place\\)\n");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(nine)).isEmpty();
  }

  @Test
  void tenToNineWithoutRowsInTheRemovedStatusNarrowsAndRollsBack() throws Exception {
    Path folder = tenStatuses();
    DatabaseFingerprint ten = DatabaseFingerprint.of(db);
    AppFolder.write(enumFile, AppFolder.jobTypes());

    CliRun diff = jobdb("migrate", "diff");

    assertThat(diff.exitCode()).as(diff.err()).isZero();
    assertThat(diff.out()).contains("change:    no longer accepts paused")
        .contains("wrote:     " + folder.resolve("005-status-drops-paused.yaml"))
        .doesNotContain("warning");
    assertThat(Files.readString(folder.resolve("005-status-drops-paused.yaml")))
        .contains("className: dev.jobdb.migrate.changes.StatusCheckAcceptsAny")
        .contains("value: paused\n");
    CliRun up = jobdb("migrate", "up");
    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(TestDatabases.tableSql(db, "job_queue")).contains("'zombie'))")
        .doesNotContain("paused");
    assertThat(jobdb("verify-schema").exitCode()).isZero();

    CliRun rollback = jobdb("rollback");

    assertThat(rollback.exitCode()).as(rollback.err()).isZero();
    assertThat(DatabaseFingerprint.of(db).differencesFrom(ten)).isEmpty();
  }

  @Test
  void tenToNineWithRowsInTheRemovedStatusMakesMigrateUpRefuseUnlessRemapped() throws Exception {
    tenStatuses();
    TestDatabases.execute(db, "UPDATE job_queue SET status = 'paused' WHERE id IN (3, 5)");
    AppFolder.write(enumFile, AppFolder.jobTypes());

    CliRun diff = jobdb("migrate", "diff");

    assertThat(diff.exitCode()).as(diff.err()).isZero();
    assertThat(diff.out()).contains("warning:   2 jobs are in paused: migrate up refuses until"
        + " they move, e.g. with --remap paused=failed");
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    CliRun refused = jobdb("migrate", "up");
    assertThat(refused.exitCode()).isEqualTo(4);
    assertThat(refused.errLines()).hasSize(1);
    assertThat(refused.err()).contains("paused (2 rows, ids 3, 5)").contains("--remap");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();

    CliRun remapped = jobdb("migrate", "up", "--remap", "paused=failed");

    assertThat(remapped.exitCode()).as(remapped.err()).isZero();
    assertThat(remapped.out()).contains("remapped paused -> failed: 2 rows");
    assertThat(TestDatabases.strings(db, "SELECT status FROM job_queue WHERE id IN (3, 5)"))
        .containsOnly("failed");
  }

  @Test
  void aRenameWritesOneChangesetThatMovesTheRowsAndWhoseRollbackMovesThemBack()
      throws Exception {
    migratedDeployed();
    TestDatabases.execute(db, "UPDATE job_queue SET status = 'dead_letter' WHERE id IN (2, 4, 6)");
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    AppFolder.write(enumFile, AppFolder.jobTypes()
        .replace("DEAD_LETTER = \"dead_letter\"", "DLQ = \"dlq\""));

    CliRun guess = jobdb("migrate", "diff", "--dry-run");
    assertThat(guess.out()).contains("change:    accepts dlq; no longer accepts dead_letter");

    CliRun diff = jobdb("migrate", "diff", "--rename", "dead_letter=dlq");

    assertThat(diff.exitCode()).as(diff.err()).isZero();
    assertThat(diff.out()).contains("change:    renames dead_letter to dlq (its rows move)")
        .contains("004-status-renames-dead-letter-to-dlq.yaml").doesNotContain("warning");
    CliRun up = jobdb("migrate", "up");
    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out()).contains("renamed dead_letter -> dlq: 3 rows");
    assertThat(TestDatabases.strings(db, "SELECT status FROM job_queue WHERE id IN (2, 4, 6)"))
        .containsOnly("dlq");
    assertThat(TestDatabases.tableSql(db, "job_queue"))
        .contains("'retrying', 'dlq', 'zombie'))").doesNotContain("dead_letter'");
    assertThat(jobdb("verify-schema").exitCode()).isZero();

    CliRun rollback = jobdb("rollback");

    assertThat(rollback.exitCode()).as(rollback.err()).isZero();
    assertThat(rollback.out()).contains("renamed dlq -> dead_letter: 3 rows");
    assertThat(DatabaseFingerprint.of(db).withoutLiquibaseTables()
        .differencesFrom(before.withoutLiquibaseTables())).isEmpty();
  }

  @Test
  void noDriftIsNothingToDoAndWritesNothing() throws Exception {
    migratedDeployed();
    AppFolder.write(enumFile, AppFolder.jobTypes());

    CliRun diff = jobdb("migrate", "diff");

    assertThat(diff.exitCode()).as(diff.err()).isZero();
    assertThat(diff.out()).contains("nothing to do: job_queue.status accepts exactly the 9 values"
        + " of JobStatus; nothing was written");
    assertThat(changelog.getParent()).doesNotExist();
  }

  @Test
  void withoutAChangelogSettingItIsAUsageErrorSayingHowToSetOne() throws Exception {
    migratedDeployed();
    AppFolder.write(enumFile, AppFolder.withMemberAfterZombie("PAUSED = \"paused\""));

    CliRun diff = jobdb("migrate", "diff", "--no-changelog");

    assertThat(diff.exitCode()).isEqualTo(2);
    assertThat(diff.errLines()).hasSize(1);
    assertThat(diff.err()).contains("--changelog DIR").contains("JOBDB_CHANGELOG");
  }

  @Test
  void dryRunPrintsTheChangesetAndWritesNothing() throws Exception {
    migratedDeployed();
    AppFolder.write(enumFile, AppFolder.withMemberAfterZombie("PAUSED = \"paused\""));

    CliRun diff = jobdb("migrate", "diff", "--dry-run");

    assertThat(diff.exitCode()).as(diff.err()).isZero();
    assertThat(diff.out())
        .contains("would create: " + changelog + " holding jobdb's built-in changelog")
        .contains("-- " + changelog.resolve("004-status-accepts-paused.yaml"))
        .contains("databaseChangeLog:\n  - logicalFilePath: changelogs/004-status-accepts-paused.yaml\n")
        .contains("dry run: nothing was written");
    assertThat(changelog.getParent()).doesNotExist();
  }

  @Test
  void whileChangesetsArePendingItRefusesAndWritesNothing() throws Exception {
    db = TestDatabases.deployed(dir);
    changelog = dir.resolve("db").resolve("changelog");
    enumFile = AppFolder.write(dir.resolve("job_types.py"),
        AppFolder.withMemberAfterZombie("PAUSED = \"paused\""));

    CliRun diff = jobdb("migrate", "diff");

    assertThat(diff.exitCode()).isEqualTo(4);
    assertThat(diff.errLines()).hasSize(1);
    assertThat(diff.err()).contains("refused: 11 changesets are pending (001-create-job-queue,"
            + " 002-error-handling-columns, 003a-idx_job_queue_status and 8 more)")
        .contains("run `jobdb migrate up` first").contains("nothing was written");
    assertThat(changelog.getParent()).doesNotExist();
  }

  @Test
  void jsonIsOneDocumentWithTheSameFacts() throws Exception {
    migratedDeployed();
    AppFolder.write(enumFile, AppFolder.withMemberAfterZombie("PAUSED = \"paused\""));

    CliRun diff = jobdb("migrate", "diff", "--json");

    assertThat(diff.exitCode()).as(diff.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(diff.out());
    assertThat(json.get("outcome").asText()).isEqualTo("written");
    assertThat(json.get("changesetId").asText()).isEqualTo("004-status-accepts-paused");
    assertThat(json.get("added")).hasSize(1);
    assertThat(json.get("file").asText())
        .isEqualTo(changelog.resolve("004-status-accepts-paused.yaml").toString());
    assertThat(json.get("nextCommand").asText()).isEqualTo("jobdb migrate up");
  }

  @Test
  void aRenameThatDoesNotMatchTheDifferenceIsAUsageError() throws Exception {
    migratedDeployed();
    AppFolder.write(enumFile, AppFolder.withMemberAfterZombie("PAUSED = \"paused\""));

    CliRun diff = jobdb("migrate", "diff", "--rename", "zombie=paused");

    assertThat(diff.exitCode()).isEqualTo(2);
    assertThat(diff.err()).contains("--rename zombie=paused");
    assertThat(changelog.getParent()).doesNotExist();
  }

  @Test
  void theGeneratedChangesetIsAdoptedWhereTheDatabaseAlreadyHasIt() throws Exception {
    Path folder = tenStatuses();
    Path other = TestDatabases.withTable(dir.resolve("fixed-by-the-app.db"),
        DeployedDatabase.CREATE_APP_FIXED.replace("'zombie'))", "'zombie', 'paused'))"),
        TestDatabases.ALL_INDEXES);
    DatabaseFingerprint before = DatabaseFingerprint.of(other);

    CliRun up = CliRun.of("migrate", "up", "--db", other.toString(), "--changelog",
        folder.toString(), "--enum", enumFile.toString(), "--no-backup");

    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out()).containsPattern("004-status-accepts-paused +adopted\n")
        .doesNotContainPattern(" ran\n");
    assertThat(DatabaseFingerprint.of(other).withoutLiquibaseTables().differencesFrom(before))
        .isEmpty();
  }

  /** The migrated database after a generated 004 accepting paused; returns the folder. */
  private Path tenStatuses() throws Exception {
    migratedDeployed();
    AppFolder.write(enumFile, AppFolder.withMemberAfterZombie("PAUSED = \"paused\""));
    assertThat(jobdb("migrate", "diff").exitCode()).isZero();
    CliRun up = jobdb("migrate", "up");
    assertThat(up.exitCode()).as(up.err()).isZero();
    return changelog;
  }

  private List<String> history() throws Exception {
    return TestDatabases.strings(db, "SELECT ID || ' ' || AUTHOR || ' ' || FILENAME || ' '"
        + " || DATEEXECUTED || ' ' || ORDEREXECUTED || ' ' || EXECTYPE || ' ' || MD5SUM"
        + " FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED");
  }

  private static byte[] builtIn(String name) throws IOException {
    try (InputStream in = MigrateDiffCommandTest.class.getResourceAsStream("/changelogs/" + name)) {
      return in.readAllBytes();
    }
  }
}
