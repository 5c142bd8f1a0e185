package dev.jobdb.engine.sqlite.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobdb.Main;
import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.fixture.DeployedDatabase.Shape;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.sqlite.SQLiteConfig;

/**
 * Write-lock time of {@code migrate up} (the deployed unnamed CHECK), {@code rollback} and
 * {@code migrate up} again (the named one), each a jobdb process of its own, on a copy of one
 * fixture, while a writer inserts a job every 50 ms with a 5 s busy timeout (like a worker with a
 * short timeout). Prints jobdb's own writeLockMillis, the run's wall time, and the writer's tally.
 *
 * <pre>
 * InPlaceBenchmark ROWS DIR [extra jobdb options, e.g. --rebuild]
 * </pre>
 */
public final class InPlaceBenchmark {
  private InPlaceBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = Integer.parseInt(args[0]);
    Path dir = Files.createDirectories(Path.of(args[1]));
    List<String> extra = List.of(args).subList(2, args.length);
    Path work = workingCopy(rows, dir, "inplace-work.db");

    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger inserted = new AtomicInteger();
    List<String> failures = new ArrayList<>();
    Thread writer = new Thread(() -> write(work, stop, inserted, failures));
    writer.start();
    Thread.sleep(500);
    System.out.printf("%d rows, %s%n", rows, extra.isEmpty() ? "in place (default)" : extra);
    for (List<String> command : List.of(List.of("migrate", "up"), List.of("rollback"),
        List.of("migrate", "up"))) {
      JsonNode result = run(work, command, extra);
      List<String> methods = new ArrayList<>();
      result.get("constraintChanges").forEach(c -> methods.add(c.get("method").asText()
          + " " + c.get("millis").asLong() + " ms"));
      System.out.printf("  %-11s write lock %5d ms   whole run %5d ms   %s%n",
          String.join(" ", command), result.get("writeLockMillis").asLong(),
          result.get("elapsedMillis").asLong(), methods);
    }
    Thread.sleep(500);
    stop.set(true);
    writer.join();
    System.out.printf("  writer (every 50 ms, busy timeout 5 s): %d inserts, %d failed %s%n",
        inserted.get(), failures.size(), failures);
  }

  /** A fresh copy of the deployed fixture of {@code rows} jobs (made once per folder). */
  static Path workingCopy(int rows, Path dir, String name) throws Exception {
    Path base = baseFixture(rows, dir);
    Path work = dir.resolve(name);
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(work + suffix));
    }
    Files.copy(base, work, StandardCopyOption.REPLACE_EXISTING);
    if (System.getenv("BENCH_NO_SYNC") == null) {
      // The copy on disk before jobdb runs: otherwise the kernel writes the copy's dirty pages back
      // during the run, and jobdb's commit (an fsync) waits behind them, in proportion to the size.
      try (FileChannel copy = FileChannel.open(work, StandardOpenOption.WRITE)) {
        copy.force(true);
      }
    }
    return work;
  }

  /** The deployed fixture of {@code rows} jobs in {@code dir}, made the first time it is asked. */
  static Path baseFixture(int rows, Path dir) throws Exception {
    Path base = dir.resolve("base-" + rows + ".db");
    if (!Files.exists(base)) {
      DeployedDatabase.create(base, Shape.scaled(rows));
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + base);
          Statement s = c.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
    }
    return base;
  }

  static JsonNode run(Path db, List<String> command, List<String> extra)
      throws Exception {
    List<String> line = new ArrayList<>(jobdbCommand());
    line.addAll(command);
    line.addAll(List.of("--db", db.toString(), "--no-backup", "--json"));
    line.addAll(extra);
    Process p = new ProcessBuilder(line).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(command + " failed with exit " + p.exitValue() + ": " + out);
    }
    return new ObjectMapper().readTree(out);
  }

  /**
   * jobdb as users run it: the launcher named by {@code -Djobdb.launcher} (scripts/bench-lock.sh
   * passes scripts/jobdb: the built jar, its class-data-sharing archive and JVM options); without
   * it, this JVM's classpath with the launchers' JVM options but no archive.
   */
  private static List<String> jobdbCommand() {
    String launcher = System.getProperty("jobdb.launcher", "");
    if (!launcher.isEmpty()) {
      return List.of(launcher);
    }
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName());
  }

  static void write(Path db, AtomicBoolean stop, AtomicInteger inserted,
      List<String> failures) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(5_000);
    try (Connection c = config.createConnection("jdbc:sqlite:" + db);
        PreparedStatement insert = c.prepareStatement("INSERT INTO job_queue (job_type, job_data,"
            + " status) VALUES ('bench', '{}', 'pending')")) {
      while (!stop.get()) {
        try {
          insert.executeUpdate();
          inserted.incrementAndGet();
        } catch (Exception e) {
          failures.add(e.getMessage());
        }
        Thread.sleep(50);
      }
    } catch (Exception e) {
      failures.add("writer stopped: " + e.getMessage());
    }
  }
}
