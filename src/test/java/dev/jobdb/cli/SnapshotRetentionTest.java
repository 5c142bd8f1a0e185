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

/** Keep the newest N snapshots; never the one just taken; say what went; status shows the space. */
class SnapshotRetentionTest {
  @TempDir Path dir;

  @Test
  void twelveAlternatingRunsKeepTenAndRestoreBringsBackTheNewest() throws Exception {
    Path db = TestDatabases.rich(dir);
    DatabaseFingerprint beforeLast = null;
    for (int run = 1; run <= 12; run++) {
      beforeLast = DatabaseFingerprint.of(db);
      CliRun r = run % 2 == 1
          ? CliRun.of("migrate", "up", "--db", db.toString())
          : CliRun.of("rollback", "--db", db.toString());
      assertThat(r.exitCode()).as("run " + run + ": " + r.err()).isZero();
      assertThat(snapshots()).hasSize(Math.min(run, 10));
      if (run > 10) {
        assertThat(r.out()).contains("snapshots: kept the newest 10, removed 1 older");
      }
    }
    List<Path> kept = snapshots();
    Path newest = kept.get(kept.size() - 1);

    CliRun restore = CliRun.of("restore", "--db", db.toString());

    assertThat(restore.exitCode()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("restored:  " + newest);
    assertThat(DatabaseFingerprint.of(db).differencesFrom(beforeLast)).isEmpty();
    assertThat(snapshots()).hasSize(10).contains(newest);
  }

  @Test
  void keepFromTheFlagWinsOverTheEnvFileAndTheRunsOwnSnapshotIsNeverRemoved() throws Exception {
    Path db = TestDatabases.deployed(dir);
    Path env = Files.writeString(dir.resolve("app.env"), "JOBDB_KEEP_SNAPSHOTS=1\n");
    for (int run = 1; run <= 4; run++) {
      String command = run % 2 == 1 ? "up" : "down";
      CliRun r = command.equals("up")
          ? CliRun.of("migrate", "up", "--db", db.toString(), "--env-file", env.toString(),
              "--keep", "2")
          : CliRun.of("rollback", "--db", db.toString(), "--env-file", env.toString());
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    // the rollbacks keep 1 (from the .env file): the one they just took
    assertThat(snapshots()).hasSize(1);
    CliRun json = CliRun.of("migrate", "up", "--db", db.toString(), "--env-file",
        env.toString(), "--keep", "2", "--json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode notes = new ObjectMapper().readTree(json.out()).get("notes");
    assertThat(notes.toString()).doesNotContain("removed");
    assertThat(snapshots()).hasSize(2);
  }

  @Test
  void aKeepThatIsNotAPositiveWholeNumberIsAUsageErrorAndChangesNothing() throws Exception {
    Path db = TestDatabases.deployed(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    CliRun zero = CliRun.of("migrate", "up", "--db", db.toString(), "--keep", "0");
    Path env = Files.writeString(dir.resolve("bad.env"), "JOBDB_KEEP_SNAPSHOTS=many\n");
    CliRun word = CliRun.of("migrate", "up", "--db", db.toString(), "--env-file", env.toString());

    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.errLines()).containsExactly("jobdb: '0' (--keep): the number of snapshots to"
        + " keep must be a whole number, 1 or more");
    assertThat(word.exitCode()).isEqualTo(2);
    assertThat(word.errLines()).hasSize(1);
    assertThat(word.err()).contains("'many' (JOBDB_KEEP_SNAPSHOTS in " + env);
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
    assertThat(snapshots()).isEmpty();
  }

  @Test
  void statusShowsHowMuchSpaceTheKeptSnapshotsTake() throws Exception {
    Path db = TestDatabases.deployed(dir);
    assertThat(CliRun.of("migrate", "up", "--db", db.toString()).exitCode()).isZero();
    assertThat(CliRun.of("rollback", "--db", db.toString()).exitCode()).isZero();
    long bytes = 0;
    for (Path s : snapshots()) {
      bytes += Files.size(s);
    }

    CliRun text = CliRun.of("status", "--db", db.toString());
    CliRun json = CliRun.of("status", "--db", db.toString(), "--json");

    assertThat(text.out()).contains("snapshots:   2 taking " + ((bytes + (1 << 20) - 1) >> 20)
        + " MiB, newest ");
    assertThat(new ObjectMapper().readTree(json.out()).get("snapshotBytes").asLong())
        .isEqualTo(bytes);
  }

  /** The snapshots beside the database, oldest first. */
  private List<Path> snapshots() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jobdb-snapshot"))
          .sorted().toList();
    }
  }
}
