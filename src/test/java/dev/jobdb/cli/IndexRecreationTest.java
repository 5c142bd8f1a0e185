package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** migrate up brings back the app's indexes its own fix dropped; rollback drops only those. */
class IndexRecreationTest {
  /** What an unchanged 001-003 records: adding 003a must not change a recorded checksum. */
  static final Map<String, String> CHECKSUMS_OF_001_TO_003 = Map.of(
      "001-create-job-queue", "9:1b033ec77443dc634c966be73decab76",
      "002-error-handling-columns", "9:8710372bdb832929ed95db7309edcac1",
      "003-status-accepts-all-job-statuses", "9:19381bcfe381fda5aefb4faf85a47860");

  /** The 4 indexes the app's fix lost, as its migrations 001 and 002 defined them. */
  private static final List<String> LOST = List.of(
      "CREATE INDEX idx_job_queue_status_priority ON job_queue(status, priority DESC)",
      "CREATE INDEX idx_job_queue_next_retry ON job_queue(next_retry_at)",
      "CREATE INDEX idx_job_queue_failure_type ON job_queue(failure_type)",
      "CREATE INDEX idx_job_queue_dead_letter ON job_queue(moved_to_dead_letter_at)");

  @TempDir Path dir;

  @Test
  void recreatesExactlyTheFourMissingIndexesAndRollbackDropsOnlyThose() throws Exception {
    Path db = TestDatabases.appFixedAsDeployed(dir.resolve("tracks.db"));
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    assertThat(CliRun.of("verify-schema", "--db", db.toString()).out()).containsPattern(
        "warning +indexes +4 of 8 missing: .* \\(jobdb migrate up recreates them as the app"
            + " defined them\\)");

    CliRun up = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup");

    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out())
        .containsPattern("003a-idx_job_queue_status +adopted\n")
        .containsPattern("003a-idx_job_queue_created_at +adopted\n")
        .containsPattern("003a-idx_job_queue_status_priority +ran\n")
        .containsPattern("003a-idx_job_queue_dead_letter +ran\n")
        .contains("003-status-accepts-all-job-statuses    adopted");
    DatabaseFingerprint after = DatabaseFingerprint.of(db).withoutLiquibaseTables();
    assertThat(before.differencesFrom(after)).containsExactlyInAnyOrderElementsOf(
        LOST.stream().map(sql -> "schema index " + indexName(sql) + ": null vs on job_queue: "
            + sql).toList());
    for (String sql : LOST) {
      assertThat(TestDatabases.strings(db, "SELECT sql FROM sqlite_schema WHERE name = '"
          + indexName(sql) + "'")).containsExactly(sql);
    }
    assertThat(CliRun.of("verify-schema", "--db", db.toString()).out())
        .containsPattern("ok +indexes +all 8 present");

    CliRun rollback = CliRun.of("rollback", "--db", db.toString(), "--to",
        "002-error-handling-columns", "--no-backup");

    assertThat(rollback.exitCode()).as(rollback.err()).isZero();
    assertThat(rollback.out())
        .contains("dropped idx_job_queue_failure_type, which jobdb had created")
        .contains("idx_job_queue_type was there before jobdb: kept");
    assertThat(indexes(db)).containsExactlyInAnyOrderElementsOf(
        DeployedDatabase.INDEXES_KEPT_BY_APP_FIX);
    // What rolling back the adopted 003 does to the constraint is 003's business, not 003a's.
    assertThat(DatabaseFingerprint.of(db).withoutLiquibaseTables()
        .ignoringSqlOf("table", "job_queue")
        .differencesFrom(before.ignoringSqlOf("table", "job_queue"))).isEmpty();
  }

  @Test
  void allEightPresentAreAdoptedAndRollbackDropsNone() throws Exception {
    Path db = TestDatabases.appFixed(dir.resolve("tracks.db"));
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun up = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup");

    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out()).doesNotContain(" ran\n");
    assertThat(TestDatabases.strings(db, "SELECT EXECTYPE FROM DATABASECHANGELOG"
        + " WHERE ID LIKE '003a-%'")).hasSize(8).containsOnly("MARK_RAN");
    assertThat(DatabaseFingerprint.of(db).withoutLiquibaseTables().differencesFrom(before))
        .isEmpty();

    CliRun rollback = CliRun.of("rollback", "--db", db.toString(), "--to",
        "002-error-handling-columns", "--no-backup");

    assertThat(rollback.exitCode()).as(rollback.err()).isZero();
    assertThat(rollback.out()).doesNotContain("dropped idx_");
    assertThat(indexes(db)).containsExactlyInAnyOrderElementsOf(TestDatabases.ALL_INDEXES);
    assertThat(DatabaseFingerprint.of(db).withoutLiquibaseTables()
        .ignoringSqlOf("table", "job_queue")
        .differencesFrom(before.ignoringSqlOf("table", "job_queue"))).isEmpty();
  }

  @Test
  void onTheDeployedDatabaseRollbackStillUndoes003First() throws Exception {
    Path db = TestDatabases.deployed(dir);
    assertThat(CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup").exitCode())
        .isZero();

    CliRun rollback = CliRun.of("rollback", "--db", db.toString(), "--no-backup");

    assertThat(rollback.exitCode()).as(rollback.err()).isZero();
    assertThat(rollback.out()).contains("003-status-accepts-all-job-statuses    rolled back")
        .doesNotContain("003a-");
    assertThat(TestDatabases.strings(db, "SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED"))
        .hasSize(10).doesNotContain("003-status-accepts-all-job-statuses");
  }

  @Test
  void aDatabaseMigratedBeforeIndexRecreationGetsTheMissingOnesOnItsNextRun() throws Exception {
    Path db = TestDatabases.deployed(dir);
    assertThat(CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup").exitCode())
        .isZero();
    // as an older jobdb left it: 001-003 recorded, no 003a; since then two indexes were dropped
    TestDatabases.execute(db, "DELETE FROM DATABASECHANGELOG WHERE ID LIKE '003a-%'",
        "DROP INDEX idx_job_queue_next_retry", "DROP INDEX idx_job_queue_type");

    CliRun up = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup");

    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out())
        .containsPattern("003a-idx_job_queue_type +ran\n")
        .containsPattern("003a-idx_job_queue_next_retry +ran\n")
        .containsPattern("003a-idx_job_queue_status +adopted\n");
    assertThat(TestDatabases.strings(db, "SELECT sql FROM sqlite_schema WHERE type = 'index'"
        + " AND sql IS NOT NULL ORDER BY name"))
        .containsExactlyInAnyOrderElementsOf(TestDatabases.ALL_INDEXES);
  }

  @Test
  void recordedChecksumsOf001To003AreUnchanged() throws Exception {
    Path db = TestDatabases.deployed(dir);
    assertThat(CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup").exitCode())
        .isZero();

    Map<String, String> recorded = new TreeMap<>();
    for (String row : TestDatabases.strings(db, "SELECT ID || ' ' || MD5SUM FROM DATABASECHANGELOG"
        + " WHERE ID NOT LIKE '003a-%'")) {
      recorded.put(row.substring(0, row.indexOf(' ')), row.substring(row.indexOf(' ') + 1));
    }
    assertThat(recorded).isEqualTo(CHECKSUMS_OF_001_TO_003);
  }

  @Test
  void theIndexesAreTheAppsOwnDefinitions() {
    assertThat(TestDatabases.ALL_INDEXES).containsAll(LOST)
        .containsAll(DeployedDatabase.INDEXES_KEPT_BY_APP_FIX);
  }

  private static List<String> indexes(Path db) throws Exception {
    return TestDatabases.strings(db, "SELECT sql FROM sqlite_schema WHERE type = 'index'"
        + " AND sql IS NOT NULL");
  }

  private static String indexName(String createIndex) {
    return createIndex.split(" ")[2];
  }
}
