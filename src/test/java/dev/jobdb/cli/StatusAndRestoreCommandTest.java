package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusAndRestoreCommandTest {
  @TempDir Path dir;

  @Test
  void statusListsPendingChangesetsAndTheLiveConstraintWithoutWriting() throws Exception {
    Path db = TestDatabases.deployed(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun run = CliRun.of("status", "--db", db.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .contains("changesets:  0 applied, 11 pending")
        .contains("pending  003-status-accepts-all-job-statuses")
        .contains("job_queue.status accepts pending, running, completed, failed, cancelled")
        .contains("snapshots:   none");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
  }

  @Test
  void statusAfterMigrateShowsHowEachWasAppliedAndTheNewestSnapshot() throws Exception {
    Path db = TestDatabases.deployed(dir);
    assertThat(CliRun.of("migrate", "up", "--db", db.toString()).exitCode()).isEqualTo(0);

    CliRun run = CliRun.of("status", "--db", db.toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("changesets").get(0).get("how").asText()).isEqualTo("adopted");
    assertThat(json.get("changesets")).hasSize(11);
    assertThat(json.get("changesets").get(2).get("id").asText())
        .isEqualTo("003a-idx_job_queue_status");
    assertThat(json.get("changesets").get(2).get("how").asText()).isEqualTo("adopted");
    assertThat(json.get("changesets").get(10).get("id").asText())
        .isEqualTo("003-status-accepts-all-job-statuses");
    assertThat(json.get("changesets").get(10).get("how").asText()).isEqualTo("ran");
    assertThat(json.get("liveStatuses")).hasSize(9);
    assertThat(json.get("snapshots")).hasSize(1);
    assertThat(json.get("snapshots").get(0).get("jobs").asLong()).isEqualTo(624);
  }

  @Test
  void restoreBringsBackTheSnapshotsContentExactly() throws Exception {
    Path db = TestDatabases.rich(dir);
    assertThat(CliRun.of("migrate", "up", "--db", db.toString()).exitCode()).isEqualTo(0);
    Path snapshot = snapshots().get(0);
    DatabaseFingerprint snapshotContent = DatabaseFingerprint.of(snapshot);
    TestDatabases.execute(db, List.of(
        "UPDATE job_queue SET status = 'zombie' WHERE id < 10",
        "DELETE FROM job_events WHERE id < 5"));

    CliRun run = CliRun.of("restore", "--db", db.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).contains("restored:  " + snapshot).contains("undo with: jobdb restore --from");
    DatabaseFingerprint restored = DatabaseFingerprint.of(db);
    assertThat(restored.pragmas()).containsEntry("journal_mode", "wal");
    assertThat(restored.differencesFrom(snapshotContent).stream()
            .filter(d -> !d.startsWith("pragma journal_mode")))
        .isEmpty();
    assertThat(snapshots()).hasSize(2);
  }

  @Test
  void restoreGoesOnWhenTheEnumFileCannotBeReadAndSaysSo() throws Exception {
    Path db = TestDatabases.deployed(dir);
    DatabaseFingerprint beforeMigration = DatabaseFingerprint.of(db);
    assertThat(CliRun.of("migrate", "up", "--db", db.toString()).exitCode()).isEqualTo(0);
    TestDatabases.execute(db, List.of("UPDATE job_queue SET status = 'zombie' WHERE id < 10"));
    Path missingEnum = dir.resolve("services/job_types.py");

    CliRun run = CliRun.of("restore", "--db", db.toString(), "--enum", missingEnum.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.errLines()).singleElement().asString()
        .startsWith("jobdb: warning: ").contains(missingEnum.toString())
        .endsWith("(restore does not use the enum, so it goes on)");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(beforeMigration).stream()
            .filter(d -> !d.startsWith("pragma journal_mode")))
        .isEmpty();
  }

  @Test
  void restoreWithoutAnySnapshotSaysWhatToPass() throws Exception {
    Path db = TestDatabases.deployed(dir);

    CliRun run = CliRun.of("restore", "--db", db.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no snapshot of " + db).contains("--from");
  }

  private List<Path> snapshots() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".jobdb-snapshot")).sorted().toList();
    }
  }
}
