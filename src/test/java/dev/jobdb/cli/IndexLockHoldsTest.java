package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobdb.ExitCode;
import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Index recreation lets the app's writers in between indexes: each index changeset commits with
 * its record, so the write lock is held for one index at a time, and the run says how long each
 * stretch held it. A failure later keeps those changesets, says so, and exits 7.
 */
class IndexLockHoldsTest {
  @TempDir Path dir;

  @Test
  void eachMissingIndexIsItsOwnStretchOfTheWriteLock() throws Exception {
    Path db = TestDatabases.appFixedAsDeployed(dir.resolve("tracks.db"));

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(run.out());
    List<String> stretches = new ArrayList<>();
    long longest = 0;
    for (JsonNode hold : result.get("lockHolds")) {
      stretches.add(hold.get("what").asText());
      longest = Math.max(longest, hold.get("millis").asLong());
    }
    // Liquibase's own tables and the adopted changesets are committed step by step too
    assertThat(stretches).contains("Liquibase's bookkeeping");
    stretches.removeIf(what -> what.equals("Liquibase's bookkeeping"));
    assertThat(stretches).containsExactly("index idx_job_queue_status_priority",
        "index idx_job_queue_next_retry", "index idx_job_queue_failure_type",
        "index idx_job_queue_dead_letter", "the rest of the run");
    assertThat(result.get("writeLockMillis").asLong()).isEqualTo(longest);
  }

  /**
   * A rebuild creates the table's indexes inside the status changeset: that changeset is not an
   * index changeset and must not be committed on its own (it once was, reported as its last index).
   */
  @Test
  void aRebuildStaysInTheRunsOneTransaction() throws Exception {
    Path db = TestDatabases.deployed(dir);

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup", "--rebuild",
        "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(run.out());
    assertThat(result.get("constraintChanges").get(0).get("method").asText()).isEqualTo("rebuilt");
    List<String> stretches = new ArrayList<>();
    result.get("lockHolds").forEach(hold -> stretches.add(hold.get("what").asText()));
    assertThat(stretches).doesNotContain("index idx_job_queue_dead_letter");
    assertThat(stretches.get(stretches.size() - 1)).isEqualTo("the rest of the run");
    assertThat(stretches.subList(0, stretches.size() - 1)).containsOnly("Liquibase's bookkeeping");
  }

  @Test
  void theTextSaysHowLongEachStretchHeldTheLock() throws Exception {
    Path db = TestDatabases.appFixedAsDeployed(dir.resolve("tracks.db"));

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("\\(write lock held at most [0-9.]+ m?s at a time:"
        + " Liquibase's bookkeeping [0-9]+ times, at most [0-9.]+ m?s,"
        + " index idx_job_queue_status_priority [0-9.]+ m?s, index idx_job_queue_next_retry"
        + " [0-9.]+ m?s, index idx_job_queue_failure_type [0-9.]+ m?s, index"
        + " idx_job_queue_dead_letter [0-9.]+ m?s, the rest of the run [0-9.]+ m?s\\)");
  }

  @Test
  void aFailureAfterAnIndexKeepsItRecordedSaysSoAndTheNextRunFinishes() throws Exception {
    Path db = TestDatabases.deployed(dir);
    TestDatabases.execute(db, List.of("DROP INDEX idx_job_queue_type",
        "DROP INDEX idx_job_queue_dead_letter"));
    Path changelog = Files.createDirectories(dir.resolve("changelog"));
    try (Stream<Path> builtIn = Files.list(Path.of("changelogs"))) {
      for (Path file : builtIn.toList()) {
        Files.copy(file, changelog.resolve(file.getFileName()));
      }
    }
    Files.writeString(changelog.resolve("master.yaml"), Files.readString(
        changelog.resolve("master.yaml")) + "  - include:\n      file: 999-fails.yaml\n"
        + "      relativeToChangelogFile: true\n");
    Files.writeString(changelog.resolve("999-fails.yaml"), "databaseChangeLog:\n"
        + "  - changeSet:\n      id: 999-fails\n      author: test\n      changes:\n"
        + "        - sql:\n            sql: INSERT INTO no_such_table VALUES (1)\n");

    CliRun failed = CliRun.of("migrate", "up", "--db", db.toString(), "--changelog",
        changelog.toString(), "--no-backup");

    assertThat(failed.exitCode()).isEqualTo(ExitCode.PARTLY_APPLIED.code());
    assertThat(failed.errLines()).singleElement().asString()
        .contains("no_such_table")
        .contains("Applied and recorded before the failure, each in its own transaction:"
            + " index idx_job_queue_type, index idx_job_queue_dead_letter");
    assertThat(TestDatabases.strings(db, "SELECT name FROM sqlite_schema WHERE name IN"
        + " ('idx_job_queue_type', 'idx_job_queue_dead_letter') ORDER BY name"))
        .containsExactly("idx_job_queue_dead_letter", "idx_job_queue_type");
    assertThat(TestDatabases.strings(db, "SELECT count(*) FROM DATABASECHANGELOG WHERE ID IN"
        + " ('003a-idx_job_queue_type', '003a-idx_job_queue_dead_letter')"))
        .containsExactly("2");
    assertThat(TestDatabases.tableSql(db, "job_queue")).doesNotContain("zombie");

    CliRun next = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup");

    assertThat(next.exitCode()).as(next.err()).isZero();
    assertThat(TestDatabases.tableSql(db, "job_queue")).contains("zombie");
  }

  /**
   * The first run commits Liquibase's tables and each adopted changeset on its own; when the
   * status change is then refused, that bookkeeping is undone: the database is exactly as before.
   */
  @Test
  void bookkeepingCommittedOnItsOwnIsUndoneWhenTheChangeIsRefused() throws Exception {
    Path db = TestDatabases.deployed(dir);
    TestDatabases.execute(db, List.of("PRAGMA ignore_check_constraints = ON",
        "UPDATE job_queue SET status = 'paused' WHERE id = 1"));
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun refused = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup", "--json");

    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCode.REFUSED.code());
    assertThat(refused.err()).contains("paused");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
    assertThat(TestDatabases.strings(db, "SELECT name FROM sqlite_schema"
        + " WHERE name LIKE 'DATABASECHANGELOG%'")).isEmpty();
  }

  /** Where Liquibase's tables were there already, their rows are put back as they were. */
  @Test
  void undoingPutsBackTheHistoryThatWasThere() throws Exception {
    Path db = TestDatabases.deployed(dir);
    assertThat(CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup").exitCode())
        .isZero();
    assertThat(CliRun.of("rollback", "--db", db.toString(), "--no-backup").exitCode()).isZero();
    TestDatabases.execute(db, List.of("PRAGMA ignore_check_constraints = ON",
        "UPDATE job_queue SET status = 'paused' WHERE id = 1"));
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun refused = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup", "--json");

    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCode.REFUSED.code());
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
    assertThat(TestDatabases.count(db, "SELECT count(*) FROM DATABASECHANGELOG")).isEqualTo(10);
    assertThat(TestDatabases.count(db, "SELECT count(*) FROM DATABASECHANGELOGLOCK"
        + " WHERE LOCKED = 0")).isEqualTo(1);
  }
}
