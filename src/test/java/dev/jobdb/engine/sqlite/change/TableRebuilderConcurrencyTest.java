package dev.jobdb.engine.sqlite.change;

import static dev.jobdb.testing.TestDatabases.count;
import static dev.jobdb.testing.TestDatabases.openForRebuild;
import static dev.jobdb.testing.TestDatabases.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.fixture.DeployedDatabase.Shape;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** The app keeps running: its writes during a rebuild land before or after it, none is lost. */
class TableRebuilderConcurrencyTest {
  @TempDir Path dir;

  @Test
  void everyJobAWorkerInsertsDuringTheRebuildIsThereAfterwards() throws Exception {
    Path db = dir.resolve("tracks.db");
    DeployedDatabase.create(db, Shape.scaled(20_000));
    List<Long> inserted = new CopyOnWriteArrayList<>();
    List<long[]> spans = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> workerFailure = new AtomicReference<>();
    CountDownLatch warmedUp = new CountDownLatch(20);

    Thread worker = new Thread(() -> {
      // like the app's workers: 30 s busy timeout, each job in its own BEGIN IMMEDIATE ...
      // COMMIT, nothing held between jobs. (sqlite-jdbc's IMMEDIATE mode with autocommit off
      // would begin the next transaction right after each commit and hold the write lock while
      // the worker sleeps: the rebuild then got the lock only by luck, and once not within its
      // 30 s busy timeout on the 2-core CI machine.)
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(30_000);
      try (Connection c = config.createConnection("jdbc:sqlite:" + db);
          Statement transaction = c.createStatement();
          PreparedStatement insert = c.prepareStatement("INSERT INTO job_queue"
              + " (job_type, job_data, status) VALUES ('worker', ?, 'pending') RETURNING id")) {
        for (int i = 0; !stop.get(); i++) {
          long start = System.nanoTime();
          insert.setString(1, "{\"n\": " + i + "}");
          long id;
          transaction.execute("BEGIN IMMEDIATE");
          try (var rs = insert.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
          }
          transaction.execute("COMMIT");
          spans.add(new long[] {start, System.nanoTime()});
          inserted.add(id);
          warmedUp.countDown();
          Thread.sleep(1);
        }
      } catch (Throwable t) {
        workerFailure.set(t);
        warmedUp.countDown();
      }
    });
    worker.start();
    warmedUp.await();

    long rebuildStart = System.nanoTime();
    RebuildResult result;
    try (Connection c = openForRebuild(db)) {
      result = new TableRebuilder().rebuild(c, "job_queue", TestDatabases.nineStatusSql(db),
          "status");
      c.commit();
    }
    long rebuildEnd = System.nanoTime();
    int atCommit = inserted.size(); // may lag the worker's last commit by one
    while (inserted.size() < atCommit + 20 && workerFailure.get() == null) {
      Thread.sleep(5);
    }
    stop.set(true);
    worker.join();

    assertThat(workerFailure.get()).isNull();
    // the rebuild copied the worker's earlier jobs; later ones went into the new table
    assertThat(result.rowsCopied()).isBetween(20_000L + 20, 20_000L + inserted.size());
    // at least one insert waited for the rebuild's write lock
    assertThat(spans).anyMatch(s -> s[0] < rebuildEnd && s[1] > rebuildStart
        && s[0] > rebuildStart);
    List<String> ids = strings(db, "SELECT id FROM job_queue WHERE job_type = 'worker'"
        + " ORDER BY id");
    assertThat(ids).containsExactlyElementsOf(inserted.stream().map(String::valueOf).toList());
    assertThat(count(db, "SELECT count(*) FROM job_queue")).isEqualTo(20_000L + inserted.size());
    assertThat(strings(db, "SELECT sql FROM sqlite_schema WHERE name = 'job_queue'").get(0))
        .contains("'zombie'");
  }
}
