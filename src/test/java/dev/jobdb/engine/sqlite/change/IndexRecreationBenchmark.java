package dev.jobdb.engine.sqlite.change;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobdb.fixture.DeployedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Write-lock stretches of {@code migrate up} on a copy of the deployed fixture missing the 4
 * indexes the app's own fix dropped, while a writer inserts a job every 50 ms with a 5 s busy
 * timeout. Prints each stretch jobdb reports, the writer's tally, and whether the 8 indexes are
 * exactly the app's definitions afterwards.
 *
 * <pre>
 * IndexRecreationBenchmark ROWS DIR
 * </pre>
 */
public final class IndexRecreationBenchmark {
  private IndexRecreationBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = Integer.parseInt(args[0]);
    Path dir = Files.createDirectories(Path.of(args[1]));
    Path work = InPlaceBenchmark.workingCopy(rows, dir, "indexes-work.db");
    List<String> lost = new ArrayList<>(DeployedDatabase.INDEXES_001);
    lost.addAll(DeployedDatabase.INDEXES_002);
    lost.removeAll(DeployedDatabase.INDEXES_KEPT_BY_APP_FIX);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + work);
        Statement s = c.createStatement()) {
      for (String sql : lost) {
        s.execute("DROP INDEX " + sql.split(" ")[2]);
      }
    }
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger inserted = new AtomicInteger();
    List<String> failures = new ArrayList<>();
    Thread writer = new Thread(() -> InPlaceBenchmark.write(work, stop, inserted, failures));
    writer.start();
    Thread.sleep(500);
    JsonNode result = InPlaceBenchmark.run(work, List.of("migrate", "up"), List.of());
    Thread.sleep(500);
    stop.set(true);
    writer.join();
    System.out.printf("%d rows, %d of 8 indexes missing: migrate up %d ms, longest write lock"
        + " %d ms%n", rows, lost.size(), result.get("elapsedMillis").asLong(),
        result.get("writeLockMillis").asLong());
    result.get("lockHolds").forEach(h -> System.out.printf("  %-45s %6d ms%n",
        h.get("what").asText(), h.get("millis").asLong()));
    System.out.printf("  writer (every 50 ms, busy timeout 5 s): %d inserts, %d failed %s%n",
        inserted.get(), failures.size(), failures);
    List<String> expected = new ArrayList<>(DeployedDatabase.INDEXES_001);
    expected.addAll(DeployedDatabase.INDEXES_002);
    List<String> stored = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + work);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sql FROM sqlite_schema WHERE type = 'index'"
            + " AND tbl_name = 'job_queue' AND sql IS NOT NULL")) {
      while (rs.next()) {
        stored.add(rs.getString(1));
      }
    }
    System.out.printf("  the 8 indexes exactly as the app defined them: %s%n",
        stored.size() == expected.size() && stored.containsAll(expected));
  }
}
