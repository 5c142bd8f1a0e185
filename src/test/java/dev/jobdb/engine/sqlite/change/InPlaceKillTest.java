package dev.jobdb.engine.sqlite.change;

import dev.jobdb.engine.ChangeMethod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.fixture.DeployedDatabase.Shape;
import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGKILL between any two steps of the in-place change (the stored text edited, the schema cookie
 * bumped, the constraint added, the verification) leaves the old definition or the new one, a
 * database SQLite reads without complaint, and a next run that completes.
 */
class InPlaceKillTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"taking the write lock", "reading the live schema",
      "storing the new definition", "comparing columns", "verified, committing", "committed"})
  void aKillLeavesTheOldOrTheNewDefinitionAndTheNextRunSucceeds(String killAt) throws Exception {
    Path db = dir.resolve("tracks.db");
    DeployedDatabase.create(db, Shape.scaled(20_000));
    String oldSql = TestDatabases.tableSql(db, "job_queue");
    DatabaseFingerprint before = DatabaseFingerprint.of(db);

    Process child = startChild(db);
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
    boolean killed = false;
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.contains(killAt)) {
        child.destroyForcibly(); // SIGKILL
        killed = true;
        break;
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(killed).as("the child announced " + killAt).isTrue();

    assertThat(TestDatabases.strings(db, "PRAGMA integrity_check")).containsExactly("ok");
    String sql = TestDatabases.tableSql(db, "job_queue");
    boolean old = sql.equals(oldSql) && before.differencesFrom(DatabaseFingerprint.of(db))
        .isEmpty();
    boolean changed = sql.contains("CONSTRAINT job_queue_status_check CHECK (status IN (")
        && sql.contains("'zombie'") && before.ignoringSqlOf("table", "job_queue")
            .differencesFrom(DatabaseFingerprint.of(db).ignoringSqlOf("table", "job_queue"))
            .isEmpty();
    assertThat(old || changed).as("old %s or new %s after a kill at %s: %s", old, changed,
        killAt, sql).isTrue();
    assertThat(changed).as("committed only after the commit").isEqualTo(killAt.equals("committed"));

    if (old) {
      assertThat(StatusConstraintChangerTest.change(db, StatusConstraintChangerTest.NINE, false)
          .method()).isEqualTo(ChangeMethod.IN_PLACE);
    }
    assertThat(TestDatabases.tableSql(db, "job_queue")).contains("'zombie'");
    assertThat(before.ignoringSqlOf("table", "job_queue").differencesFrom(
        DatabaseFingerprint.of(db).ignoringSqlOf("table", "job_queue"))).isEmpty();
  }

  private static Process startChild(Path db) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        InPlaceChild.class.getName(), db.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }
}
