package dev.jobdb.engine.sqlite.change;

import dev.jobdb.db.IntegrityCheck;
import dev.jobdb.engine.sqlite.snapshot.Snapshots;
import dev.jobdb.engine.SnapshotInfo;

import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Times {@link TableRebuilder} against the hand-written rebuild (create, copy, drop, rename, the 8
 * indexes, one transaction) run by the sqlite3 CLI and by sqlite-jdbc, on copies of one fixture.
 *
 * <pre>
 * bench ROWS RUNS DIR [VARIANT,...]  RUNS rounds after a warm-up round, medians; variants
 *                                    sqlite3-cli, jdbc-hand-written, rebuilder-PAGES (the default
 *                                    check), rebuilder-QUICK, rebuilder-FULL
 * once  DB [PAGES|QUICK|FULL]        one TableRebuilder run on DB (for peak memory)
 * snapshot DB                        one Snapshots.take of DB into its folder, timed
 * </pre>
 */
public final class RebuildBenchmark {
  private RebuildBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("once")) {
      Path db = Path.of(args[1]);
      IntegrityCheck check = IntegrityCheck.valueOf(args.length > 2 ? args[2] : "FULL");
      RebuildResult r = rebuilder(db, check);
      System.out.println("rebuilt " + r.rowsCopied() + " rows in " + ms(r.total().toNanos())
          + " ms; " + r.timings());
      return;
    }
    if (args[0].equals("snapshot")) {
      long start = System.nanoTime();
      SnapshotInfo info = new Snapshots().take(Path.of(args[1]), null, Duration.ofSeconds(30));
      System.out.println("snapshot of " + info.jobs() + " jobs, " + info.bytes() + " bytes in "
          + ms(System.nanoTime() - start) + " ms: " + info.path());
      return;
    }
    int rows = Integer.parseInt(args[1]);
    List<String> variants = args.length > 4 ? List.of(args[4].split(","))
        : List.of("sqlite3-cli", "jdbc-hand-written", "rebuilder-PAGES", "rebuilder-QUICK",
            "rebuilder-FULL");
    int runs = Integer.parseInt(args[2]);
    Path dir = Files.createDirectories(Path.of(args[3]));
    Path base = InPlaceBenchmark.baseFixture(rows, dir);
    String newSql = TestDatabases.nineStatusSql(base);
    Path script = dir.resolve("hand-written.sql");
    Files.writeString(script, String.join(";\n", handWritten(newSql)) + ";\n");

    Map<String, List<Long>> times = new LinkedHashMap<>();
    Map<String, RebuildResult> lastResult = new LinkedHashMap<>();
    for (int run = 0; run < runs + 1; run++) { // the first round warms up and is not counted
      for (String variant : variants) {
        Path work = dir.resolve("work.db");
        deleteDatabase(work);
        Files.copy(base, work, StandardCopyOption.REPLACE_EXISTING);
        long start = System.nanoTime();
        switch (variant) {
          case "sqlite3-cli" -> cli(work, script);
          case "jdbc-hand-written" -> jdbc(work, handWritten(newSql));
          default -> lastResult.put(variant,
              rebuilder(work, IntegrityCheck.valueOf(variant.substring(10))));
        }
        long took = System.nanoTime() - start;
        if (run > 0) {
          times.computeIfAbsent(variant, k -> new ArrayList<>()).add(took);
        }
      }
    }
    long cli = median(times.get(variants.get(0)));
    System.out.printf("%d rows, median of %d runs (ms), ratio to %s%n", rows, runs,
        variants.get(0));
    times.forEach((variant, t) -> System.out.printf("  %-18s %8d  %.2fx   runs %s%n", variant,
        ms(median(t)), (double) median(t) / cli, t.stream().map(RebuildBenchmark::ms).toList()));
    lastResult.forEach((variant, r) -> {
      System.out.println("  " + variant + " steps (ms):");
      r.timings().forEach((step, d) -> System.out.printf("    %-24s %6d%n", step,
          ms(d.toNanos())));
    });
  }

  /** What a careful person writes by hand: one transaction, the 8 indexes, nothing checked. */
  static List<String> handWritten(String newSql) {
    List<String> sql = new ArrayList<>();
    sql.add("BEGIN");
    sql.add(newSql.replace("CREATE TABLE job_queue (", "CREATE TABLE job_queue_new ("));
    String columns = "id, job_type, job_data, status, priority, created_at, started_at,"
        + " completed_at, log_file_path, error_message, retry_count, max_retries, worker_id,"
        + " timeout_seconds, parent_job_id, failure_type, next_retry_at, last_error_traceback,"
        + " dead_letter_reason, moved_to_dead_letter_at";
    sql.add("INSERT INTO job_queue_new (" + columns + ") SELECT " + columns + " FROM job_queue");
    sql.add("DROP TABLE job_queue");
    sql.add("ALTER TABLE job_queue_new RENAME TO job_queue");
    Stream.concat(DeployedDatabase.INDEXES_001.stream(), DeployedDatabase.INDEXES_002.stream())
        .forEach(sql::add);
    sql.add("COMMIT");
    return sql;
  }

  private static void cli(Path db, Path script) throws Exception {
    Process p = new ProcessBuilder("sqlite3", "-bail", db.toString())
        .redirectInput(script.toFile())
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0 || !out.isBlank()) {
      throw new IllegalStateException("sqlite3 failed: " + out);
    }
  }

  private static void jdbc(Path db, List<String> statements) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private static RebuildResult rebuilder(Path db, IntegrityCheck check) throws Exception {
    String newSql = TestDatabases.nineStatusSql(db);
    try (Connection c = TestDatabases.openForRebuild(db)) {
      RebuildResult result = new TableRebuilder(
          RebuildOptions.defaults().withIntegrityCheck(check)).rebuild(c, "job_queue", newSql,
          "status");
      c.commit();
      return result;
    }
  }

  private static void deleteDatabase(Path db) throws Exception {
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(db + suffix));
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}
