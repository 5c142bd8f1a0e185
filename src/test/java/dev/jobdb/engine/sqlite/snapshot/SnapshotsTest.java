package dev.jobdb.engine.sqlite.snapshot;

import dev.jobdb.engine.SnapshotInfo;

import static dev.jobdb.testing.TestDatabases.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class SnapshotsTest {
  private static final Duration BUSY = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void holdsRowsThatAreStillOnlyInTheWal() throws Exception {
    Path db = TestDatabases.deployed(dir);
    try (Connection app = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = app.createStatement()) {
      s.execute("PRAGMA wal_autocheckpoint = 0");
      s.execute("INSERT INTO job_queue (job_type, job_data) SELECT 'wal-only', id FROM job_queue"
          + " WHERE id <= 10");
      Path fileAlone = dir.resolve("copied-file-alone.db");
      Files.copy(db, fileAlone); // what a file copy would have kept
      assertThat(Files.size(Path.of(db + "-wal"))).isPositive();
      assertThat(count(fileAlone, "SELECT count(*) FROM job_queue")).isEqualTo(624);

      SnapshotInfo snapshot = new Snapshots().take(db, null, BUSY);

      assertThat(snapshot.jobs()).isEqualTo(634);
      assertThat(snapshot.path().getParent()).isEqualTo(db.getParent());
      assertThat(snapshot.bytes()).isEqualTo(Files.size(snapshot.path()));
      DatabaseFingerprint live = DatabaseFingerprint.of(db);
      DatabaseFingerprint copy = DatabaseFingerprint.of(snapshot.path());
      assertThat(live.differencesFrom(copy))
          .containsExactly("pragma journal_mode: wal vs delete");
    }
  }

  @Test
  void isNamedAfterTheDatabaseAndTheUtcTimeAndListedNewestFirst() throws Exception {
    Path db = TestDatabases.deployed(dir);
    Path backups = Files.createDirectory(dir.resolve("backups"));
    Instant first = Instant.parse("2026-03-14T10:15:02.123Z");
    SnapshotInfo older = snapshotsAt(first).take(db, backups, BUSY);
    TestDatabases.execute(db, List.of("DELETE FROM job_queue WHERE id <= 24"));
    SnapshotInfo newer = snapshotsAt(first.plusSeconds(60)).take(db, backups, BUSY);
    SnapshotInfo sameMillisecond = snapshotsAt(first.plusSeconds(60)).take(db, backups, BUSY);
    Files.writeString(backups.resolve("other.db.20260314T101502123Z.jobdb-snapshot"), "x");
    Files.writeString(backups.resolve(".tracks.db.20260314T111502123Z.jobdb-snapshot.partial"),
        "");

    assertThat(older.path().getFileName().toString())
        .isEqualTo("tracks.db.20260314T101502123Z.jobdb-snapshot");
    assertThat(sameMillisecond.path().getFileName().toString())
        .isEqualTo("tracks.db.20260314T101602124Z.jobdb-snapshot");
    assertThat(new Snapshots().list(db, backups))
        .containsExactly(sameMillisecond, newer, older)
        .extracting(SnapshotInfo::jobs).containsExactly(600L, 600L, 624L);
    assertThat(new Snapshots().list(db, null)).isEmpty();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX permission bits: a Windows file has"
      + " an ACL, inherited from its folder, which jobdb leaves as it is")
  void keepsTheDatabaseFilesPermissions() throws Exception {
    Path db = TestDatabases.deployed(dir);
    for (String permissions : List.of("rw-------", "rw-rw-r--", "rw-r-----")) {
      Files.setPosixFilePermissions(db, PosixFilePermissions.fromString(permissions));

      SnapshotInfo snapshot = new Snapshots().take(db, null, BUSY);

      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(snapshot.path())))
          .isEqualTo(permissions);
    }
  }

  @Test
  void restoreBringsBackTheSnapshotsContentAndKeepsWal() throws Exception {
    Path db = TestDatabases.rich(dir);
    DatabaseFingerprint atSnapshot = DatabaseFingerprint.of(db);
    SnapshotInfo snapshot = new Snapshots().take(db, null, BUSY);
    TestDatabases.execute(db, List.of(
        "DELETE FROM job_queue WHERE status = 'failed'",
        "CREATE TABLE scratch (x)",
        "PRAGMA user_version = 99"));
    assertThat(atSnapshot.differencesFrom(DatabaseFingerprint.of(db))).isNotEmpty();

    try (Connection app = DriverManager.getConnection("jdbc:sqlite:" + db);
        Connection target = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      count(db, "SELECT count(*) FROM job_queue"); // another connection has the database open
      new Snapshots().restore(target, snapshot.path());
      assertThat(TestDatabases.strings(app, "SELECT count(*) FROM job_queue"))
          .containsExactly("614");
    }

    assertThat(atSnapshot.differencesFrom(DatabaseFingerprint.of(db))).isEmpty();
  }

  @Test
  void restoreRefusesAMissingOrDamagedSnapshotAndChangesNothing() throws Exception {
    Path db = TestDatabases.deployed(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    Path garbage = dir.resolve("tracks.db.20260101T000000000Z.jobdb-snapshot");
    Files.write(garbage, new byte[8192]);

    try (Connection target = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      assertThatThrownBy(() -> new Snapshots().restore(target, dir.resolve("nope")))
          .isInstanceOf(JobdbException.class)
          .hasMessageStartingWith("snapshot not found: " + dir.resolve("nope"));
      assertThatThrownBy(() -> new Snapshots().restore(target, garbage))
          .isInstanceOf(JobdbException.class)
          .hasMessageContaining(garbage.toString());
    }

    assertThat(before.differencesFrom(DatabaseFingerprint.of(db))).isEmpty();
  }

  @Test
  void namesAMissingDatabaseOrBackupFolder() throws Exception {
    Path db = TestDatabases.deployed(dir);

    assertThatThrownBy(() -> new Snapshots().take(dir.resolve("missing.db"), null, BUSY))
        .isInstanceOf(JobdbException.class)
        .hasMessageStartingWith("database not found: " + dir.resolve("missing.db"));
    assertThatThrownBy(() -> new Snapshots().take(db, dir.resolve("no-such-dir"), BUSY))
        .isInstanceOf(JobdbException.class)
        .hasMessageStartingWith("backup folder does not exist: " + dir.resolve("no-such-dir"))
        .satisfies(e -> assertThat(((JobdbException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    assertThat(Files.exists(dir.resolve("missing.db"))).isFalse();
  }

  /**
   * A writer commits a row every few milliseconds while the copy goes on in many steps (the
   * progress listener slows each report down). The snapshot holds every row committed before it
   * started and, of the rows committed during it, exactly the first few: one moment of the
   * database, never a mix, and the copy never started over.
   */
  @Test
  void holdsOneMomentOfTheDatabaseWhileAWriterCommitsEveryFewMilliseconds() throws Exception {
    Path db = TestDatabases.deployed(dir);
    TestDatabases.execute(db, List.of("INSERT INTO job_queue (job_type, job_data)"
        + " SELECT 'filler', hex(randomblob(300)) FROM job_queue a, job_queue b LIMIT 8000"));
    long before = count(db, "SELECT count(*) FROM job_queue");
    List<Long> committed = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
          Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 30000");
        while (!stop.get()) {
          s.execute("INSERT INTO job_queue (job_type, job_data) VALUES ('writer', '{}')");
          committed.add(Long.valueOf(TestDatabases.strings(c, "SELECT last_insert_rowid()")
              .get(0)));
          Thread.sleep(2);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    while (committed.size() < 20) {
      Thread.sleep(1);
    }
    List<Long> committedBefore = List.copyOf(committed);
    List<String> progress = new ArrayList<>();
    Consumer<String> slowListener = line -> {
      progress.add(line);
      sleep(40);
    };

    SnapshotInfo snapshot =
        new Snapshots(Clock.systemUTC(), slowListener, Duration.ZERO).take(db, null, BUSY);
    int committedWhileCopying = committed.size() - committedBefore.size();
    stop.set(true);
    writer.join();

    List<Long> inSnapshot = TestDatabases.strings(snapshot.path(),
            "SELECT id FROM job_queue WHERE job_type = 'writer' ORDER BY id").stream()
        .map(Long::valueOf).toList();
    assertThat(committedWhileCopying).as("rows committed while the copy ran").isPositive();
    assertThat(inSnapshot).containsAll(committedBefore)
        .isEqualTo(committed.subList(0, inSnapshot.size()));
    assertThat(snapshot.jobs()).isEqualTo(before + inSnapshot.size())
        .isEqualTo(count(snapshot.path(), "SELECT count(*) FROM job_queue NOT INDEXED"));
    assertThat(TestDatabases.strings(snapshot.path(), "PRAGMA integrity_check"))
        .containsExactly("ok");
    assertThat(progress).hasSizeGreaterThan(2).last().asString().startsWith("snapshot: 100%");
    assertThat(percents(progress)).isSorted();
  }

  @Test
  void aSnapshotStartedOnItsOwnThreadIsAwaitedOrThrowsWhatTakingItThrew() throws Exception {
    Path db = TestDatabases.deployed(dir);

    PendingSnapshot pending = new Snapshots().start(db, null, BUSY);
    PendingSnapshot failing = new Snapshots().start(db, dir.resolve("no-such-dir"), BUSY);

    assertThat(pending.await().jobs()).isEqualTo(624);
    assertThatThrownBy(failing::await).isInstanceOf(JobdbException.class)
        .hasMessageStartingWith("backup folder does not exist: " + dir.resolve("no-such-dir"));
  }

  @Test
  void reportsPercentOnlyWhenTheCopyTakesLongerThanItsQuietTime() throws Exception {
    Path db = TestDatabases.deployed(dir);
    List<String> loud = new ArrayList<>();
    List<String> quiet = new ArrayList<>();

    new Snapshots(Clock.systemUTC(), loud::add, Duration.ZERO).take(db, null, BUSY);
    new Snapshots(Clock.systemUTC(), quiet::add, Duration.ofDays(1)).take(db, null, BUSY);

    assertThat(loud).isNotEmpty()
        .allMatch(line -> line.matches("snapshot: \\d{1,3}% copied \\(\\d+ of \\d+ MiB\\)"))
        .last().asString().startsWith("snapshot: 100% copied");
    assertThat(quiet).isEmpty();
  }

  @Test
  void belongsToTheDatabasesOwnerAndGroupWhenRunAsRoot() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
    Path db = TestDatabases.deployed(dir);
    UserPrincipalLookupService users = db.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view = Files.getFileAttributeView(db, PosixFileAttributeView.class);
    view.setOwner(users.lookupPrincipalByName("nobody"));
    view.setGroup(users.lookupPrincipalByGroupName("nogroup"));
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r-----"));

    SnapshotInfo snapshot = new Snapshots().take(db, null, BUSY);

    PosixFileAttributes copy = Files.readAttributes(snapshot.path(), PosixFileAttributes.class);
    assertThat(copy.owner().getName()).isEqualTo("nobody");
    assertThat(copy.group().getName()).isEqualTo("nogroup");
    assertThat(PosixFilePermissions.toString(copy.permissions())).isEqualTo("rw-r-----");
  }

  private static List<Integer> percents(List<String> lines) {
    return lines.stream()
        .map(line -> Integer.valueOf(line.replaceAll("snapshot: (\\d+)%.*", "$1")))
        .toList();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Snapshots snapshotsAt(Instant instant) {
    return new Snapshots(Clock.fixed(instant, ZoneOffset.UTC), line -> {});
  }
}
