package dev.jobdb.engine.sqlite.change;

import dev.jobdb.db.ValueCount;
import dev.jobdb.db.StatementKind;
import dev.jobdb.db.ExecutedStatement;
import dev.jobdb.db.IntegrityCheck;

import static dev.jobdb.testing.TestDatabases.count;
import static dev.jobdb.testing.TestDatabases.openForRebuild;
import static dev.jobdb.testing.TestDatabases.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableRebuilderTest {
  @TempDir Path dir;

  @Test
  void deployedDatabaseAcceptsZombieAfterTheRebuildAndKeepsEverythingElse() throws Exception {
    Path db = TestDatabases.deployed(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    String newSql = TestDatabases.nineStatusSql(db);

    RebuildResult result = rebuildAndCommit(db, newSql, RebuildOptions.defaults());

    DatabaseFingerprint after = DatabaseFingerprint.of(db);
    assertThat(before.ignoringSqlOf("table", "job_queue").differencesFrom(
        after.ignoringSqlOf("table", "job_queue"))).isEmpty();
    assertThat(before.differencesFrom(after)).hasSize(1);
    assertThat(result.rowsCopied()).isEqualTo(624);
    assertThat(result.valueCounts()).extracting(ValueCount::value, ValueCount::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("completed", 445L),
            org.assertj.core.groups.Tuple.tuple("failed", 136L),
            org.assertj.core.groups.Tuple.tuple("pending", 25L),
            org.assertj.core.groups.Tuple.tuple("cancelled", 11L),
            org.assertj.core.groups.Tuple.tuple("running", 7L));
    assertThat(result.indexesRecreated()).hasSize(8).containsExactlyElementsOf(
        Stream.concat(DeployedDatabase.INDEXES_001.stream(),
            DeployedDatabase.INDEXES_002.stream()).map(s -> s.split(" ")[2]).toList());
    assertThat(result.sequence()).isEqualTo(624L);
    assertThat(strings(db, "PRAGMA journal_mode")).containsExactly("wal");

    TestDatabases.execute(db, List.of("UPDATE job_queue SET status = 'zombie' WHERE id = 1"));
    assertThat(count(db, "SELECT count(*) FROM job_queue WHERE status = 'zombie'")).isEqualTo(1);
  }

  @Test
  void documentedOrderStoresTheNameQuotedAndKeepsTheRestOfTheTextAsWritten() throws Exception {
    Path db = TestDatabases.deployed(dir);
    String newSql = TestDatabases.nineStatusSql(db);

    RebuildResult renamed = rebuildAndCommit(db, newSql, RebuildOptions.defaults());

    assertThat(newSql).startsWith("CREATE TABLE job_queue (");
    assertThat(renamed.tableSqlAfter())
        .isEqualTo(newSql.replace("CREATE TABLE job_queue (", "CREATE TABLE \"job_queue\" ("));
  }

  @Test
  void carriesOverEverythingTheAppNeverDefined() throws Exception {
    Path db = TestDatabases.rich(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    long events = count(db, "SELECT count(*) FROM job_events");

    RebuildResult result = rebuildAndCommit(db, TestDatabases.nineStatusSql(db),
        RebuildOptions.defaults().withIntegrityCheck(IntegrityCheck.FULL));

    DatabaseFingerprint after = DatabaseFingerprint.of(db);
    assertThat(before.ignoringSqlOf("table", "job_queue").differencesFrom(
        after.ignoringSqlOf("table", "job_queue"))).isEmpty();
    assertThat(result.rowsCopied()).isEqualTo(614);
    assertThat(result.indexesRecreated()).contains("idx_pending_by_priority", "idx_created_desc",
        "idx_lower_type", "idx_log_file");
    assertThat(result.triggersRecreated()).containsExactly("job_queue_status_event");
    assertThat(result.sequence()).isEqualTo(624L);
    // child rows survived the DROP (foreign keys off: no cascade), the orphan included
    assertThat(count(db, "SELECT count(*) FROM job_events")).isEqualTo(events);
    assertThat(strings(db, "SELECT typeof(job_data) FROM job_queue WHERE id = 3"))
        .containsExactly("blob");
    assertThat(strings(db, "SELECT typeof(priority) FROM job_queue WHERE id = 4"))
        .containsExactly("real");
    assertThat(count(db, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'job_queue'"))
        .isEqualTo(12);

    // the trigger, the view and the other table's trigger all still work on the new table
    TestDatabases.execute(db, List.of(
        "UPDATE job_queue SET status = 'zombie' WHERE id = 1",
        "INSERT INTO audit VALUES ('requeue')",
        "INSERT INTO job_queue (job_type, job_data) VALUES ('tag', '{}')"));
    assertThat(strings(db, "SELECT status || ' ' || retry_count FROM job_queue WHERE id = 1"))
        .containsExactly("zombie 1");
    assertThat(count(db, "SELECT count(*) FROM job_events WHERE status = 'zombie'")).isEqualTo(1);
    assertThat(count(db, "SELECT count(*) FROM failed_jobs")).isEqualTo(
        count(db, "SELECT count(*) FROM job_queue WHERE status = 'failed'"));
    assertThat(count(db, "SELECT max(id) FROM job_queue")).isEqualTo(625); // no id reused
  }

  @Test
  void recordsEveryStatementAndThePlanMatchesWhatRan() throws Exception {
    Path db = TestDatabases.rich(dir);
    String newSql = TestDatabases.nineStatusSql(db);
    List<String> planned;
    try (Connection c = openForRebuild(db)) {
      planned = new TableRebuilder().plan(c, "job_queue", newSql);
      c.rollback();
    }
    DatabaseFingerprint beforeRebuild = DatabaseFingerprint.of(db);

    RebuildResult result = rebuildAndCommit(db, newSql, RebuildOptions.defaults());

    assertThat(beforeRebuild.schema()).doesNotContainKey("table job_queue__jobdb_rebuild");
    assertThat(planned).isEqualTo(result.changeStatements());
    assertThat(result.statements().get(0))
        .isEqualTo(new ExecutedStatement(StatementKind.LOCK, "DELETE FROM \"job_queue\" WHERE 0"));
    assertThat(result.changeStatements()).startsWith(
        newSql.replace("CREATE TABLE job_queue (", "CREATE TABLE \"job_queue__jobdb_rebuild\" ("));
    assertThat(result.changeStatements()).contains(
        "DROP TABLE \"job_queue\"",
        "PRAGMA legacy_alter_table = ON",
        "ALTER TABLE \"job_queue__jobdb_rebuild\" RENAME TO \"job_queue\"",
        "PRAGMA legacy_alter_table = OFF",
        "UPDATE sqlite_sequence SET seq = 624 WHERE name = 'job_queue'");
    assertThat(result.changeStatements().get(1)).startsWith(
        "INSERT INTO \"job_queue__jobdb_rebuild\" (\"id\", \"job_type\", \"job_data\"")
        .doesNotContain("job_type_upper") // generated: computed again, not copied
        .endsWith("\"tenant\") SELECT \"id\", \"job_type\", \"job_data\", \"status\","
            + " \"priority\", \"created_at\", \"started_at\", \"completed_at\", \"log_file_path\","
            + " \"error_message\", \"retry_count\", \"max_retries\", \"worker_id\","
            + " \"timeout_seconds\", \"parent_job_id\", \"failure_type\", \"next_retry_at\","
            + " \"last_error_traceback\", \"dead_letter_reason\", \"moved_to_dead_letter_at\","
            + " \"tenant\" FROM \"job_queue\"");
    assertThat(result.statements()).extracting(ExecutedStatement::kind)
        .contains(StatementKind.LOCK, StatementKind.INSPECT, StatementKind.CHANGE,
            StatementKind.VERIFY);
    assertThat(result.timings()).containsKeys(RebuildStep.values());
    assertThat(DatabaseFingerprint.of(db).schema()).doesNotContainKey(
        "table job_queue__jobdb_rebuild");
  }

  @Test
  void announcesEachStep() throws Exception {
    Path db = TestDatabases.deployed(dir);
    List<String> lines = new ArrayList<>();

    rebuildAndCommit(db, TestDatabases.nineStatusSql(db),
        RebuildOptions.defaults().withProgress(lines::add));

    assertThat(lines).contains(
        "rebuild job_queue: copying the rows by column name (624 rows)",
        "rebuild job_queue: recreating indexes (8)",
        "rebuild job_queue: checking the table's integrity (pages and index entries)");
    assertThat(lines).hasSize(RebuildStep.values().length);
  }

  @Test
  void keepsRowidsOfTablesWithoutAnIntegerPrimaryKeyAndHandlesQuotedNames() throws Exception {
    Path db = dir.resolve("plain.db");
    TestDatabases.execute(db, List.of(
        "CREATE TABLE \"odd \"\"name\"\"\" (code TEXT PRIMARY KEY, qty INT CHECK (qty < 10))",
        "INSERT INTO \"odd \"\"name\"\"\" (rowid, code, qty) VALUES (7, 'a', 1), (3, 'b', 2),"
            + " (42, 'c', 3)",
        "CREATE TABLE w (k INTEGER PRIMARY KEY, v) WITHOUT ROWID",
        "INSERT INTO w VALUES (2, 'x'), (1, 'y')"));
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    try (Connection c = openForRebuild(db)) {
      new TableRebuilder().rebuild(c, "odd \"name\"",
          "CREATE TABLE \"odd \"\"name\"\"\" (code TEXT PRIMARY KEY, qty INT CHECK (qty < 100))",
          "qty");
      new TableRebuilder().rebuild(c, "W",
          "CREATE TABLE w (k INTEGER PRIMARY KEY, v CHECK (v <> 'z')) WITHOUT ROWID", "v");
      c.commit();
    }

    DatabaseFingerprint after = DatabaseFingerprint.of(db);
    assertThat(before.ignoringSqlOf("table", "odd \"name\"").ignoringSqlOf("table", "w")
        .differencesFrom(after.ignoringSqlOf("table", "odd \"name\"").ignoringSqlOf("table", "w")))
        .isEmpty();
    assertThat(after.rowsOf("odd \"name\"")).first().asString().startsWith("3 ");
    TestDatabases.execute(db, List.of("INSERT INTO \"odd \"\"name\"\"\" VALUES ('d', 50)"));
  }

  static RebuildResult rebuildAndCommit(Path db, String newSql, RebuildOptions options)
      throws Exception {
    try (Connection c = openForRebuild(db)) {
      RebuildResult result = new TableRebuilder(options).rebuild(c, "job_queue", newSql, "status");
      c.commit();
      return result;
    }
  }
}
