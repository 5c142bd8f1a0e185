package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.Main;
import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.SmallDisk;
import dev.jobdb.testing.SqliteWriter;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the disk, the file system and other processes on SQLite: each gives one line on stderr
 * and a documented exit code, and leaves the database exactly as before (compared whole).
 */
class SqliteFaultsTest {
  private static final long MIB = 1 << 20;

  @TempDir Path dir;

  @Test
  void onADiskWithRoomForAnInPlaceChangeButNotARebuildMigrateUpChangesItInPlace()
      throws Exception {
    Path built = grown(Files.createDirectories(dir.resolve("built")), 30_000);
    // room for the database and 3 MiB: an in-place change fits, a rebuild (about 1.25x) does not
    try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), Files.size(built) + 3 * MIB)) {
      Path db = Files.move(built, disk.path().resolve("tracks.db"));
      assertThat(disk.free()).isLessThan(Files.size(db));
      DatabaseFingerprint before = DatabaseFingerprint.of(db);

      CliRun rebuild = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup",
          "--rebuild");
      assertThat(rebuild.exitCode()).as(rebuild.err()).isEqualTo(4);
      assertThat(rebuild.errLines()).hasSize(1);
      assertThat(rebuild.err()).contains("free beside " + db + ", the rebuild needs about")
          .contains("or drop --rebuild to change it in place");
      assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();

      CliRun inPlace = CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup",
          "--json");
      assertThat(inPlace.exitCode()).as(inPlace.err()).isZero();
      assertThat(inPlace.out()).contains("\"in_place\"").doesNotContain("\"rebuilt\"");
    }
  }

  @Test
  void theDiskFillingUpDuringTheChangeRollsItBackAndLeavesTheDatabaseAsBefore()
      throws Exception {
    Path built = grown(Files.createDirectories(dir.resolve("built")), 30_000);
    // room for the database and 3 MiB: an in-place change fits, a rebuild (about 1.25x) does not
    try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), Files.size(built) + 3 * MIB)) {
      Path db = Files.move(built, disk.path().resolve("tracks.db"));
      Path backups = Files.createDirectories(dir.resolve("backups"));
      DatabaseFingerprint before = DatabaseFingerprint.of(db);
      CompletableFuture<CliRun> run;
      try (SqliteWriter app = SqliteWriter.holdWriteLock(db)) {
        // jobdb snapshots (a reader is not blocked), then waits for the app's write lock
        run = CompletableFuture.supplyAsync(() -> CliRun.of("migrate", "up", "--db",
            db.toString(), "--backup-dir", backups.toString(), "--busy-timeout", "120"));
        awaitFile(backups, ".jobdb-snapshot");
        disk.fill();
      }
      CliRun r = run.get(120, TimeUnit.SECONDS);

      assertThat(r.exitCode()).as(r.err()).isEqualTo(5);
      assertThat(r.errLines()).containsExactly("jobdb: the disk beside " + db + " (--db) filled"
          + " up during the change: it was rolled back and the database is unchanged; free disk"
          + " space and run again");
      Files.delete(disk.path().resolve("filler"));
      assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
      assertThat(files(backups)).isEmpty();
    }
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "needs bash's ulimit -f (a file-size limit"
      + " on the child process), which Windows does not have")
  void theDiskFillingUpDuringTheSnapshotStopsBeforeTheChangeAndLeavesNoPartialFile()
      throws Exception {
    // a file-size limit on the jobdb process: its copy stops half-way, as on a full disk
    Path db = grown(dir, 30_000);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    long limitKib = Files.size(db) / 2 / 1024;
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", "ulimit -f " + limitKib
        + " && exec \"$JAVA\" -cp \"$CP\" " + Main.class.getName() + " migrate up --db \"$DB\"")
        .directory(dir.toFile())
        .redirectError(dir.resolve("err.txt").toFile())
        .redirectOutput(dir.resolve("out.txt").toFile());
    builder.environment().put("JAVA", java);
    builder.environment().put("CP", System.getProperty("java.class.path"));
    builder.environment().put("DB", db.toString());
    Process child = builder.start();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    // progress lines ("jobdb: taking a snapshot", "jobdb: snapshot: 40% copied") come first;
    // SLF4J's warnings come from the test classpath, not from the jar
    List<String> err = Files.readAllLines(dir.resolve("err.txt")).stream()
        .filter(line -> !line.startsWith("SLF4J(W)"))
        .filter(line -> !line.startsWith("jobdb: taking a snapshot")
            && !line.startsWith("jobdb: snapshot: ")).toList();

    assertThat(child.exitValue()).as(String.join("\n", err)).isEqualTo(3);
    assertThat(err).hasSize(1);
    assertThat(err.get(0)).startsWith("jobdb: could not write the snapshot to " + dir
        + ": the disk is full or the file too large (").endsWith("nothing was changed; free disk"
        + " space or choose another --backup-dir");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
    assertThat(files(dir)).noneMatch(f -> f.contains("jobdb-snapshot"));
  }

  @Test
  void aReadOnlyFolderIsRefusedWithOneLineAndNothingChanges() throws Exception {
    try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 12 * MIB)) {
      Path db = TestDatabases.deployed(disk.path());
      DatabaseFingerprint before = DatabaseFingerprint.of(db);
      disk.readOnly(true);

      CliRun r = CliRun.of("migrate", "up", "--db", db.toString());

      assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err()).contains(db.getParent().toString());
      assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
      disk.readOnly(false);
    }
  }

  @Test
  void aReadOnlyDatabaseFileIsRefusedWithOneLineAndNothingChanges() throws Exception {
    Path db = TestDatabases.deployed(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    try (ReadOnlyFile ro = ReadOnlyFile.of(db)) {
      CliRun r = CliRun.of("migrate", "up", "--db", db.toString());

      assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err()).contains(db.toString()).contains("read-only");
    }
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
    assertThat(files(dir)).noneMatch(f -> f.endsWith(".jobdb-snapshot"));
  }

  @Test
  void anotherProcessHoldingTheWriteLockPastBusyTimeoutGivesExit3AndChangesNothing()
      throws Exception {
    Path db = TestDatabases.deployed(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    CliRun r;
    try (SqliteWriter app = SqliteWriter.holdWriteLock(db)) {
      r = CliRun.of("migrate", "up", "--db", db.toString(), "--busy-timeout", "1");
    }

    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    assertThat(r.errLines()).containsExactly("jobdb: database is locked (waited past the busy"
        + " timeout): " + db + " (--db): stop the writer holding it or raise --busy-timeout");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
    assertThat(files(dir)).noneMatch(f -> f.endsWith(".jobdb-snapshot"));
  }

  @Test
  void twoRunsStartedAtTheSameMomentChangeTheDatabaseOnce() throws Exception {
    Path db = TestDatabases.deployed(dir);
    Path reference = TestDatabases.deployed(Files.createDirectories(dir.resolve("ref")));
    assertThat(CliRun.of("migrate", "up", "--db", reference.toString(), "--no-backup")
        .exitCode()).isZero();
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<CliRun>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      runs.add(CompletableFuture.supplyAsync(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return CliRun.of("migrate", "up", "--db", db.toString(), "--no-backup");
      }));
    }
    start.countDown();
    List<CliRun> results = new ArrayList<>();
    for (CompletableFuture<CliRun> run : runs) {
      results.add(run.get(120, TimeUnit.SECONDS));
    }

    assertThat(results).as(results.toString())
        .filteredOn(r -> r.exitCode() == 0 && r.out().contains("ran (in place)"))
        .hasSize(1);
    for (CliRun other : results) {
      if (other.exitCode() != 0) {
        assertThat(other.exitCode()).isEqualTo(3);
        assertThat(other.errLines()).hasSize(1);
        assertThat(other.err()).contains("another jobdb").contains("wait for it to finish");
      }
    }
    assertThat(DatabaseFingerprint.of(db).differencesFrom(DatabaseFingerprint.of(reference))
        .stream().filter(d -> !d.contains("DATABASECHANGELOG")).toList()).isEmpty();
  }

  /** The deployed database with {@code extra} more jobs of about 200 bytes each. */
  static Path grown(Path folder, int extra) throws Exception {
    Path build = Files.createTempDirectory("jobdb-grown");
    Path built = TestDatabases.deployed(build);
    TestDatabases.execute(built, "INSERT INTO job_queue (job_type, job_data, status)"
        + " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + extra
        + ") SELECT 'bulk', hex(randomblob(80)), 'completed' FROM n",
        "PRAGMA wal_checkpoint(TRUNCATE)");
    Path db = Files.copy(built, folder.resolve("tracks.db"));
    Files.delete(built);
    Files.delete(build);
    return db;
  }

  private static void awaitFile(Path folder, String suffix) throws Exception {
    for (int i = 0; i < 6000; i++) {
      if (files(folder).stream().anyMatch(f -> f.endsWith(suffix))) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no *" + suffix + " appeared in " + folder);
  }

  private static List<String> files(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  /** The file read-only: a read-only bind mount as root (whom permissions do not stop). */
  private record ReadOnlyFile(Path file, boolean mounted) implements AutoCloseable {
    static ReadOnlyFile of(Path file) throws Exception {
      if ("root".equals(System.getProperty("user.name"))) {
        exec("mount", "--bind", file.toString(), file.toString());
        exec("mount", "-o", "remount,ro,bind", file.toString());
        return new ReadOnlyFile(file, true);
      }
      file.toFile().setWritable(false, false);
      return new ReadOnlyFile(file, false);
    }

    @Override
    public void close() throws Exception {
      if (mounted) {
        exec("umount", file.toString());
      } else {
        file.toFile().setWritable(true, true);
      }
    }

    private static void exec(String... command) throws Exception {
      Process p = new ProcessBuilder(command).inheritIO().start();
      assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    }
  }
}
