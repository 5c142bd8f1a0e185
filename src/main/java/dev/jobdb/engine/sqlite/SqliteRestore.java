package dev.jobdb.engine.sqlite;

import dev.jobdb.db.JobCounts;
import dev.jobdb.engine.sqlite.snapshot.Snapshots;
import dev.jobdb.engine.SnapshotInfo;
import dev.jobdb.engine.sqlite.snapshot.PendingSnapshot;
import dev.jobdb.engine.sqlite.snapshot.SnapshotRetention;
import dev.jobdb.engine.RestoreResult;
import java.time.Clock;
import java.util.function.Consumer;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.config.PathSource;
import dev.jobdb.db.Sqlite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Puts a snapshot back with SQLite's backup API (never a file copy over a live WAL database), after
 * taking a snapshot of the current state, while holding jobdb's lock on the database.
 */
final class SqliteRestore {
  private final DatabaseLocation location;
  private final Duration busyTimeout;

  SqliteRestore(DatabaseLocation location, Duration busyTimeout) {
    this.location = location;
    this.busyTimeout = busyTimeout;
  }


  /**
   * The snapshot's one check (its recorded checksum, else the full integrity_check) runs while the
   * safety snapshot is copied (one reads the snapshot, the other the database); the restored
   * database is checked by its jobs, not by a second integrity_check (the backup API copies the
   * verified pages as they are).
   *
   * @param keep snapshots of the database to keep afterwards (never the safety snapshot)
   * @param progress lines for stderr: what retention removed
   */
  RestoreResult restore(Path from, Path backupDir, int keep, Consumer<String> progress) {
    long started = System.nanoTime();
    Sqlite.requireDatabaseFile(location);
    SnapshotInfo snapshot = chooseSnapshot(location, from, backupDir);
    try (RunLock lock = RunLock.acquire(location.path(), "restore")) {
      Snapshots snapshots = new Snapshots(Clock.systemUTC(), progress);
      PendingSnapshot pending = snapshots.start(location.path(), backupDir, busyTimeout);
      Snapshots.Verification verification;
      try {
        verification = snapshots.verify(snapshot.path());
      } catch (RuntimeException e) {
        discard(pending);
        throw e;
      }
      SnapshotInfo safety = pending.await();
      RestoreResult result;
      try (Connection c = Sqlite.openForChange(location, busyTimeout)) {
        JobCounts before = JobCounts.read(c);
        snapshots.restoreVerified(c, snapshot.path());
        JobCounts after = JobCounts.read(c);
        if (after.total() != snapshot.jobs()) {
          throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "restored " + after.total()
              + " jobs but the snapshot holds " + snapshot.jobs() + ": put the pre-restore state"
              + " back with: jobdb restore --from " + safety.path());
        }
        result = new RestoreResult(location, snapshot, verifiedBy(verification), safety, before, after,
            (System.nanoTime() - started) / 1_000_000, List.of());
      }
      String removed = SnapshotInfo.describeRemoved(
          SnapshotRetention.prune(location.path(), backupDir, keep, safety.path()), keep);
      return removed.isEmpty() ? result : new RestoreResult(location, snapshot, result.verifiedBy(),
          safety, result.before(), result.after(), result.elapsedMillis(), List.of(removed));
    } catch (JobdbException e) {
      throw e;
    } catch (Exception e) {
      throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "restore of " + location.describe()
          + " from " + snapshot.path() + " failed: " + rootMessage(e), e);
    }
  }

  private static String verifiedBy(Snapshots.Verification verification) {
    return verification.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage()).replaceAll("\\s+", " ").strip();
  }

  /** The snapshot is refused, so nothing changes: the safety snapshot is not needed. */
  private static void discard(PendingSnapshot pending) {
    try {
      Files.deleteIfExists(pending.await().path());
    } catch (RuntimeException | IOException ignored) {
      // the safety snapshot failed too, or is already gone: nothing to clean up
    }
  }

  private static SnapshotInfo chooseSnapshot(DatabaseLocation location, Path from, Path dir) {
    if (from == null) {
      List<SnapshotInfo> snapshots = new Snapshots().list(location.path(), dir);
      if (snapshots.isEmpty()) {
        throw new JobdbException(ExitCode.USAGE, "no snapshot of " + location.path() + " found in "
            + (dir == null ? location.path().getParent() : dir)
            + ": pass --from FILE or --backup-dir DIR");
      }
      return snapshots.get(0);
    }
    Path file = from.toAbsolutePath().normalize();
    DatabaseLocation snapshotLocation = new DatabaseLocation(file, PathSource.FLAG, "--from");
    Sqlite.requireDatabaseFile(snapshotLocation);
    try (Connection c = Sqlite.openReadOnly(snapshotLocation, Duration.ofSeconds(5))) {
      return new SnapshotInfo(file, Files.getLastModifiedTime(file).toInstant(),
          JobCounts.read(c).total(), Files.size(file));
    } catch (SQLException e) {
      throw Sqlite.unusable(snapshotLocation, e);
    } catch (IOException e) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "cannot read " + file + ": "
          + e.getMessage(), e);
    }
  }
}
