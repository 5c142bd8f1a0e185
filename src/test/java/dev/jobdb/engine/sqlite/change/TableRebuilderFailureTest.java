package dev.jobdb.engine.sqlite.change;

import static dev.jobdb.testing.TestDatabases.openForRebuild;
import static dev.jobdb.testing.TestDatabases.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** A failure anywhere leaves, after the caller's rollback, the database exactly as it was. */
class TableRebuilderFailureTest {
  @TempDir Path dir;

  @Test
  void aDefinitionThatRejectsExistingRowsFailsWhileCopying() throws Exception {
    Path db = TestDatabases.rich(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    String onlyPending = TestDatabases.tableSql(db, "job_queue")
        .replace(TestDatabases.FIVE_STATUS_CHECK, "CHECK (status IN ('pending'))");

    Throwable failure = rebuildAndRollBack(db, onlyPending, RebuildOptions.defaults());

    assertThat(failure).isInstanceOf(JobdbException.class)
        .hasMessageStartingWith("rebuilding job_queue failed while copying the rows by column name")
        .hasMessageContaining("CHECK constraint failed");
    assertThat(((JobdbException) failure).exitCode()).isEqualTo(ExitCode.FAILED_ROLLED_BACK);
    assertThat(before.differencesFrom(DatabaseFingerprint.of(db))).isEmpty();
  }

  @Test
  void aFailureAfterTheOldTableWasDroppedAndRenamedIsRolledBackCompletely() throws Exception {
    Path db = TestDatabases.rich(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    RebuildOptions failAtIndexes = RebuildOptions.defaults().withProgress(line -> {
      if (line.contains("recreating indexes")) {
        throw new IllegalStateException("killed while recreating indexes");
      }
    });

    try (Connection c = openForRebuild(db)) {
      assertThatThrownBy(() -> new TableRebuilder(failAtIndexes)
          .rebuild(c, "job_queue", TestDatabases.nineStatusSql(db), "status"))
          .hasMessage("killed while recreating indexes");
      // the old table is gone inside the transaction at this point
      assertThat(strings(c, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
          + " AND tbl_name = 'job_queue' AND sql IS NOT NULL")).containsExactly("0");
      assertThat(strings(c, "PRAGMA legacy_alter_table")).containsExactly("0");
      c.rollback();
    }

    assertThat(before.differencesFrom(DatabaseFingerprint.of(db))).isEmpty();
  }

  @Test
  void rowsSilentlyDroppedByTheNewDefinitionFailTheVerification() throws Exception {
    Path db = TestDatabases.deployed(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    String ignoresDuplicates = TestDatabases.nineStatusSql(db)
        .replace("FOREIGN KEY (parent_job_id)", "UNIQUE (job_type) ON CONFLICT IGNORE,\n"
            + "          FOREIGN KEY (parent_job_id)");

    Throwable failure = rebuildAndRollBack(db, ignoresDuplicates, RebuildOptions.defaults());

    assertThat(failure).isInstanceOf(RebuildVerificationException.class)
        .hasMessageContaining("rows copied: expected 624, got 4")
        .hasMessageContaining("row count: 624 before, 4 after")
        .hasMessageContaining("automatic indexes: before [], after [sqlite_autoindex_job_queue_1]");
    assertThat(((JobdbException) failure).exitCode()).isEqualTo(ExitCode.FAILED_ROLLED_BACK);
    assertThat(before.differencesFrom(DatabaseFingerprint.of(db))).isEmpty();
  }

  @Test
  void aDefinitionWithOtherColumnsFailsBeforeAnyRowIsCopied() throws Exception {
    Path db = TestDatabases.deployed(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    String otherDefault = TestDatabases.nineStatusSql(db)
        .replace("max_retries INTEGER DEFAULT 3", "max_retries INTEGER DEFAULT 5");

    Throwable failure = rebuildAndRollBack(db, otherDefault, RebuildOptions.defaults());

    assertThat(failure).isInstanceOf(RebuildVerificationException.class)
        .hasMessageContaining("the new definition has other columns")
        .hasMessageContaining("max_retries INTEGER DEFAULT 5");
    assertThat(before.differencesFrom(DatabaseFingerprint.of(db))).isEmpty();
  }

  @Test
  void refusesAConnectionWithForeignKeysOnOrAutocommit() throws Exception {
    Path db = TestDatabases.rich(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    String newSql = TestDatabases.nineStatusSql(db);
    SQLiteConfig enforcing = new SQLiteConfig();
    enforcing.enforceForeignKeys(true);

    try (Connection c = enforcing.createConnection("jdbc:sqlite:" + db)) {
      c.setAutoCommit(false);
      assertThatThrownBy(() -> new TableRebuilder().rebuild(c, "job_queue", newSql, "status"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("foreign keys are on");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      assertThatThrownBy(() -> new TableRebuilder().rebuild(c, "job_queue", newSql, "status"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("autocommit is on");
    }
    assertThat(before.differencesFrom(DatabaseFingerprint.of(db))).isEmpty();
  }

  @Test
  void namesAMissingTableAViewAndADefinitionOfAnotherTable() throws Exception {
    Path db = TestDatabases.rich(dir);
    String newSql = TestDatabases.nineStatusSql(db);

    try (Connection c = openForRebuild(db)) {
      assertThatThrownBy(() -> new TableRebuilder().rebuild(c, "jobs", newSql, "status"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the new definition creates job_queue, not jobs");
      assertThatThrownBy(() -> new TableRebuilder().rebuild(c, "jobs",
          "CREATE TABLE jobs (id INTEGER PRIMARY KEY)", "id"))
          .isInstanceOf(JobdbException.class)
          .hasMessageStartingWith("no table jobs in the database");
      assertThatThrownBy(() -> new TableRebuilder().rebuild(c, "failed_jobs",
          "CREATE TABLE failed_jobs (id INTEGER PRIMARY KEY)", "id"))
          .isInstanceOf(JobdbException.class)
          .hasMessageStartingWith("failed_jobs is a view, not an ordinary table");
      assertThatThrownBy(() -> new TableRebuilder().rebuild(c, "job_queue", newSql, "state"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no column state in job_queue to count rows by");
      c.rollback();
    }
  }

  @Test
  void explainsWhyATransactionThatAlreadyReadCannotWrite() throws Exception {
    Path db = TestDatabases.deployed(dir);
    try (Connection c = openForRebuild(db)) {
      strings(c, "SELECT count(*) FROM job_queue"); // the caller's transaction reads first
      TestDatabases.execute(db, List.of(
          "INSERT INTO job_queue (job_type, job_data) VALUES ('tag', '{}')"));

      assertThatThrownBy(() -> new TableRebuilder()
          .rebuild(c, "job_queue", TestDatabases.nineStatusSql(db), "status"))
          .isInstanceOf(JobdbException.class)
          .hasMessageContaining("BEGIN IMMEDIATE");
      c.rollback();
    }
  }

  private static Throwable rebuildAndRollBack(Path db, String newSql, RebuildOptions options)
      throws Exception {
    try (Connection c = openForRebuild(db)) {
      Throwable failure = catchThrowable(
          () -> new TableRebuilder(options).rebuild(c, "job_queue", newSql, "status"));
      c.rollback();
      assertThat(failure).isNotNull();
      return failure;
    }
  }
}
