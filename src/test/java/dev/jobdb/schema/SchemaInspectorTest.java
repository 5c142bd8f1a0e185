package dev.jobdb.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.config.PathSource;
import dev.jobdb.config.StatusEnum;
import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaInspectorTest {
  @TempDir Path dir;

  private final SchemaInspector inspector = new SchemaInspector(Duration.ofSeconds(5));

  @Test
  void deployedDatabaseFacts() throws Exception {
    DriftReport report = inspect(TestDatabases.deployedAt(dir.resolve("tracks.db")));

    assertThat(report.table()).isEqualTo("job_queue");
    assertThat(report.columnCount()).isEqualTo(20);
    assertThat(report.constraint().state()).isEqualTo(StatusConstraint.State.IN_LIST);
    assertThat(report.rejectedStatuses())
        .containsExactly("timeout", "retrying", "dead_letter", "zombie");
    assertThat(report.extraAllowedStatuses()).isEmpty();
    assertThat(report.missingColumns()).isEmpty();
    assertThat(report.missingIndexes()).isEmpty();
    assertThat(report.totalJobs()).isEqualTo(624);
    assertThat(report.jobCountsByStatus())
        .startsWith(
            new StatusCount("pending", 25),
            new StatusCount("running", 7),
            new StatusCount("completed", 445),
            new StatusCount("failed", 136),
            new StatusCount("cancelled", 11))
        .hasSize(9);
    assertThat(report.inSync()).isFalse();
    assertThat(report.findings())
        .extracting(Finding::kind)
        .containsExactly(Finding.Kind.REJECTED_STATUSES);
  }

  @Test
  void severalChecksAllowOnlyWhatEveryOneAllows() throws Exception {
    String create =
        DeployedDatabase.CREATE_APP_FIXED.replace(
            "CHECK (priority >= 0 AND priority <= 20)",
            "CONSTRAINT also CHECK (status IN ('pending', 'running', 'completed', 'failed',"
                + " 'cancelled', 'timeout', 'archived'))");

    DriftReport report =
        inspect(TestDatabases.withTable(dir.resolve("two.db"), create, TestDatabases.ALL_INDEXES));

    assertThat(report.constraint().checks()).hasSize(2);
    assertThat(report.constraint().allowedValues())
        .containsExactly("pending", "running", "completed", "failed", "cancelled", "timeout");
    assertThat(report.rejectedStatuses()).containsExactly("retrying", "dead_letter", "zombie");
    assertThat(report.extraAllowedStatuses()).as("'archived' fails the first CHECK").isEmpty();
  }

  @Test
  void aNullInTheListLetsEveryValueThroughAsSqliteDoes() throws Exception {
    String create = DeployedDatabase.CREATE_001.replace("'cancelled'))", "'cancelled', NULL))");

    DriftReport report = inspect(TestDatabases.withTable(dir.resolve("null.db"), create, List.of()));

    assertThat(report.constraint().state()).isEqualTo(StatusConstraint.State.EXPRESSION);
    assertThat(report.rejectedStatuses()).isEmpty();
    assertThat(report.constraint().allowedValues())
        .containsExactlyElementsOf(StatusEnum.BUILT_IN_VALUES);
  }

  @Test
  void nullAndForeignStatusesAreUnknownRows() throws Exception {
    Path db =
        TestDatabases.withTable(
            dir.resolve("rows.db"),
            "CREATE TABLE job_queue (id INTEGER PRIMARY KEY, job_type, job_data, status, priority,"
                + " created_at, started_at, completed_at, error_message, retry_count, worker_id)",
            List.of());
    TestDatabases.execute(
        db,
        "UPDATE job_queue SET status = NULL WHERE id <= 2",
        "UPDATE job_queue SET status = 'DONE' WHERE id = 3");

    DriftReport report = inspect(db);

    assertThat(report.unknownStatusRows())
        .containsExactly(new StatusCount(null, 2), new StatusCount("DONE", 1));
    assertThat(report.jobCountsByStatus())
        .endsWith(new StatusCount(null, 2), new StatusCount("DONE", 1));
    assertThat(report.totalJobs()).isEqualTo(624);
    assertThat(report.missingColumns()).hasSize(9);
    assertThat(report.findings())
        .extracting(Finding::message)
        .contains("3 rows with a status JobStatus lacks: NULL (2), DONE (1)");
  }

  @Test
  void quotedMixedCaseTableAndColumnNamesAreFound() throws Exception {
    Path db = dir.resolve("quoted.db");
    TestDatabases.execute(
        db,
        "CREATE TABLE \"Job_Queue\" (id INTEGER PRIMARY KEY, [Status] TEXT"
            + " CHECK (\"STATUS\" IN('pending','running')))",
        "INSERT INTO \"Job_Queue\" (Status) VALUES ('running')");

    DriftReport report = inspect(db);

    assertThat(report.table()).isEqualTo("Job_Queue");
    assertThat(report.constraint().allowedValues()).containsExactly("pending", "running");
    assertThat(report.jobCountsByStatus()).contains(new StatusCount("running", 1));
  }

  @Test
  void aTableWithoutStatusColumnStillReports() throws Exception {
    Path db = dir.resolve("nostatus.db");
    TestDatabases.execute(
        db,
        "CREATE TABLE job_queue (id INTEGER PRIMARY KEY, state TEXT)",
        "INSERT INTO job_queue (state) VALUES ('x')");

    DriftReport report = inspect(db);

    assertThat(report.missingColumns()).contains("status");
    assertThat(report.constraint().state()).isEqualTo(StatusConstraint.State.NONE);
    assertThat(report.totalJobs()).isEqualTo(1);
    assertThat(report.inSync()).isFalse();
  }

  @Test
  void aDatabaseLockedPastTheBusyTimeoutIsUnusable() throws Exception {
    Path db = dir.resolve("locked.db");
    TestDatabases.execute(db, "CREATE TABLE job_queue (status TEXT)");
    try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = writer.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");

      assertThatThrownBy(() -> new SchemaInspector(Duration.ZERO).inspect(location(db), StatusEnum.builtIn("default")))
          .isInstanceOfSatisfying(
              JobdbException.class,
              e -> assertThat(e.exitCode()).isEqualTo(ExitCode.DATABASE_UNUSABLE))
          .hasMessageStartingWith("database is locked (waited past the busy timeout): " + db)
          .hasMessageEndingWith("stop the writer holding it or raise --busy-timeout");
      s.execute("ROLLBACK");
    }
  }

  private DriftReport inspect(Path db) {
    return inspector.inspect(location(db), StatusEnum.builtIn("default"));
  }

  private static DatabaseLocation location(Path db) {
    return new DatabaseLocation(db.toAbsolutePath(), PathSource.FLAG, "--db");
  }
}
