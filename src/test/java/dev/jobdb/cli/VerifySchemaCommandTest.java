package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifySchemaCommandTest {
  @TempDir Path dir;

  @Test
  void deployedDatabaseDriftsAndNamesTheFourRejectedStatuses() throws Exception {
    Path db = TestDatabases.deployedAt(dir.resolve("tracks.db"));

    CliRun run = CliRun.of("verify-schema", "--db", db.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEmpty();
    assertThat(run.outLines().get(0)).isEqualTo("database: " + db.toAbsolutePath() + " (--db)");
    assertThat(run.outLines().get(1)).isEqualTo("enum: built-in copy of JobStatus (9 values);"
        + " set JOBDB_ENUM to follow the app's code");
    assertThat(run.outLines().get(2))
        .isEqualTo(
            "DRIFT: the database rejects 4 statuses the app writes: timeout, retrying,"
                + " dead_letter, zombie");
    assertThat(run.out())
        .containsPattern("DRIFT +rejected statuses +timeout, retrying, dead_letter, zombie\n")
        .containsPattern("column-level on status, unnamed: CHECK \\(status IN \\('pending',")
        .containsPattern("ok +columns +all 20 the app needs are present")
        .containsPattern("ok +indexes +all 8 present")
        .containsPattern("completed +445\n")
        .containsPattern("zombie +0  rejected by the database\n")
        .containsPattern("total +624\n");
  }

  @Test
  void appFixedDatabaseIsInSync() throws Exception {
    Path db = TestDatabases.appFixed(dir.resolve("fixed.db"));

    CliRun run = CliRun.of("verify-schema", "--db", db.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.outLines().get(2))
        .isEqualTo(
            "IN SYNC: job_queue accepts all 9 JobStatus values and has all 20 columns the app"
                + " needs");
    assertThat(run.out()).contains("table-level, unnamed: CHECK (status IN ('pending',");
    assertThat(run.out()).doesNotContain("DRIFT").doesNotContain("warning");
  }

  @Test
  void serviceTableHasNoConstraintButMissesFiveColumnsSoItDrifts() throws Exception {
    Path db = TestDatabases.serviceNoCheck(dir.resolve("service.db"));

    CliRun run = CliRun.of("verify-schema", "--db", db.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines().get(2))
        .isEqualTo(
            "DRIFT: 5 columns the app needs are missing: failure_type, next_retry_at,"
                + " last_error_traceback, dead_letter_reason, moved_to_dead_letter_at");
    assertThat(run.out())
        .containsPattern("status CHECK +none: every value allowed")
        .containsPattern("warning +status CHECK +no constraint: every value allowed")
        .containsPattern("ok +rejected statuses +none")
        .containsPattern("warning +indexes +3 of 8 missing: idx_job_queue_next_retry,");
  }

  @Test
  void noCheckOnStatusIsAWarningNotDrift() throws Exception {
    String create =
        DeployedDatabase.CREATE_APP_FIXED
            .replaceAll("(?s)CHECK \\(status IN .*?'zombie'\\)\\),", "")
            .replace("CHECK (priority >= 0 AND priority <= 20),", "");
    Path db = TestDatabases.withTable(dir.resolve("nocheck.db"), create, TestDatabases.ALL_INDEXES);

    CliRun run = CliRun.of("verify-schema", "--db", db.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines().get(2)).startsWith("IN SYNC with 1 warning: ");
    assertThat(run.out()).contains("no constraint: every value allowed");
  }

  @Test
  void rowsWithAStatusTheEnumLacksAreDriftWithTheirCounts() throws Exception {
    Path db = TestDatabases.serviceNoCheck(dir.resolve("typos.db"));
    TestDatabases.execute(
        db,
        "ALTER TABLE job_queue ADD COLUMN failure_type TEXT",
        "ALTER TABLE job_queue ADD COLUMN next_retry_at TIMESTAMP",
        "ALTER TABLE job_queue ADD COLUMN last_error_traceback TEXT",
        "ALTER TABLE job_queue ADD COLUMN dead_letter_reason TEXT",
        "ALTER TABLE job_queue ADD COLUMN moved_to_dead_letter_at TIMESTAMP",
        "UPDATE job_queue SET status = 'Pending' WHERE id IN (1, 2, 3)",
        "UPDATE job_queue SET status = 'done' WHERE id = 4");

    CliRun run = CliRun.of("verify-schema", "--db", db.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines().get(2))
        .isEqualTo("DRIFT: 4 rows with a status JobStatus lacks: Pending (3), done (1)");
    assertThat(run.out())
        .containsPattern("DRIFT +unknown statuses +Pending \\(3 rows\\), done \\(1 rows\\)")
        .containsPattern("Pending +3  not in JobStatus\n");
  }

  @Test
  void statusesAllowedBeyondTheEnumAndMissingIndexesAreWarnings() throws Exception {
    String create =
        DeployedDatabase.CREATE_APP_FIXED.replace("'zombie'))", "'zombie', 'archived'))");
    Path db = TestDatabases.withTable(dir.resolve("extra.db"), create, List.of());

    CliRun run = CliRun.of("verify-schema", "--db", db.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines().get(2)).startsWith("IN SYNC with 2 warnings: ");
    assertThat(run.out())
        .containsPattern(
            "warning +extra statuses +archived \\(allowed, but JobStatus lacks them\\)")
        .containsPattern("warning +indexes +8 of 8 missing: idx_job_queue_status, ");
  }

  @Test
  void aCheckWrittenAsOrChainIsEvaluatedInSqlite() throws Exception {
    String create =
        DeployedDatabase.CREATE_001.replace(
            "CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled'))",
            "CONSTRAINT ck_or CHECK (status = 'pending' OR status = 'running' OR"
                + " status = 'completed' OR status = 'failed' OR status = 'cancelled'"
                + " OR status = 'timeout')");

    CliRun run =
        CliRun.of(
            "verify-schema",
            "--db",
            TestDatabases.withTable(dir.resolve("or.db"), create, List.of()).toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("named ck_or: CHECK (status = 'pending' OR")
        .contains("(not an IN list; evaluated in SQLite)")
        .containsPattern("DRIFT +rejected statuses +retrying, dead_letter, zombie\n");
  }

  @Test
  void aCheckThatReadsOtherColumnsCannotBeVerifiedAndCountsAsDrift() throws Exception {
    String create =
        DeployedDatabase.CREATE_APP_FIXED.replace(
            "CHECK (priority >= 0 AND priority <= 20)",
            "CHECK (status <> 'running' OR worker_id IS NOT NULL)");
    Path db = TestDatabases.withTable(dir.resolve("rule.db"), create, TestDatabases.ALL_INDEXES);

    CliRun run = CliRun.of("verify-schema", "--db", db.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines().get(2))
        .isEqualTo(
            "DRIFT: jobdb cannot tell whether the database accepts pending, running, completed,"
                + " failed, cancelled, timeout, retrying, dead_letter, zombie: a CHECK on status"
                + " also depends on other columns");
  }

  @Test
  void jsonIsOneDocumentWithTheSameFacts() throws Exception {
    Path db = TestDatabases.deployedAt(dir.resolve("tracks.db"));

    CliRun run = CliRun.of("verify-schema", "--db", db.toString(), "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.at("/database/path").asText()).isEqualTo(db.toAbsolutePath().toString());
    assertThat(json.at("/database/source").asText()).isEqualTo("flag");
    assertThat(json.at("/database/origin").asText()).isEqualTo("--db");
    assertThat(json.get("verdict").asText()).isEqualTo("drift");
    assertThat(json.get("inSync").asBoolean()).isFalse();
    assertThat(texts(json.get("rejectedStatuses")))
        .containsExactly("timeout", "retrying", "dead_letter", "zombie");
    assertThat(json.at("/constraint/state").asText()).isEqualTo("in_list");
    assertThat(json.at("/constraint/checks/0/level").asText()).isEqualTo("column");
    assertThat(json.at("/constraint/checks/0/name").isNull()).isTrue();
    assertThat(texts(json.at("/constraint/allowedValues")))
        .containsExactly("pending", "running", "completed", "failed", "cancelled");
    assertThat(json.get("missingColumns")).isEmpty();
    assertThat(json.get("missingIndexes")).isEmpty();
    assertThat(json.get("unknownStatusRows")).isEmpty();
    assertThat(json.at("/jobCountsByStatus/completed").asLong()).isEqualTo(445);
    assertThat(json.at("/jobCountsByStatus/zombie").asLong()).isZero();
    assertThat(json.get("totalJobs").asLong()).isEqualTo(624);
    assertThat(json.at("/findings/0/kind").asText()).isEqualTo("rejected_statuses");
  }

  @Test
  void jsonForAnInSyncDatabase() throws Exception {
    Path db = TestDatabases.appFixed(dir.resolve("fixed.db"));

    CliRun run = CliRun.of("verify-schema", "--json", "--db", db.toString());

    assertThat(run.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("verdict").asText()).isEqualTo("in_sync");
    assertThat(json.get("rejectedStatuses")).isEmpty();
    assertThat(json.at("/constraint/checks/0/level").asText()).isEqualTo("table");
    assertThat(json.get("findings")).isEmpty();
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }
}
