package dev.jobdb.engine.sqlite.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.fixture.DeployedDatabase.Shape;
import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A process killed with SIGKILL mid-rebuild leaves the old table or the new one, nothing else. */
class TableRebuilderKillTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"copying the rows", "dropping the old table", "recreating indexes",
      "checking the table's integrity"})
  void aKillLeavesTheDatabaseOldOrNewAndTheNextRunSucceeds(String killAt) throws Exception {
    Path db = dir.resolve("tracks.db");
    DeployedDatabase.create(db, Shape.scaled(50_000));
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    Process child = startChild(db);
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.contains(killAt)) {
        child.destroyForcibly(); // SIGKILL
        break;
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

    DatabaseFingerprint after = DatabaseFingerprint.of(db);
    boolean old = before.differencesFrom(after).isEmpty();
    boolean rebuilt = before.ignoringSqlOf("table", "job_queue")
        .differencesFrom(after.ignoringSqlOf("table", "job_queue")).isEmpty()
        && TestDatabases.tableSql(db, "job_queue").contains("'zombie'");
    assertThat(old || rebuilt).as("old %s or rebuilt %s: %s", old, rebuilt,
        before.differencesFrom(after)).isTrue();
    if (old) {
      try (Connection c = TestDatabases.openForRebuild(db)) {
        new TableRebuilder().rebuild(c, "job_queue", TestDatabases.nineStatusSql(db), "status");
        c.commit();
      }
    }
    assertThat(before.ignoringSqlOf("table", "job_queue").differencesFrom(
        DatabaseFingerprint.of(db).ignoringSqlOf("table", "job_queue"))).isEmpty();
  }

  private static Process startChild(Path db) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        RebuildChild.class.getName(), db.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }
}
