package dev.jobdb.run;

import dev.jobdb.db.JobCounts;
import dev.jobdb.snapshot.Snapshots;
import dev.jobdb.snapshot.SnapshotInfo;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.config.PathSource;
import dev.jobdb.db.Sqlite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Puts a snapshot back with SQLite's backup API (never a file copy over a live WAL database), after
 * taking a snapshot of the current state, while holding jobdb's lock on the database.
 */
public final class RestoreService {

  public RestoreResult restore(
      DatabaseLocation location, Path from, Path backupDir, Duration busyTimeout) {
    long started = System.nanoTime();
    Sqlite.requireDatabaseFile(location);
    SnapshotInfo snapshot = chooseSnapshot(location, from, backupDir);
    try (RunLock lock = RunLock.acquire(location.path(), "restore")) {
      Snapshots snapshots = new Snapshots();
      SnapshotInfo safety = snapshots.take(location.path(), backupDir, busyTimeout);
      try (Connection c = Sqlite.openForChange(location, busyTimeout)) {
        JobCounts before = JobCounts.read(c);
        restoreOrDiscard(snapshots, c, snapshot, safety);
        requireIntact(c, location);
        JobCounts after = JobCounts.read(c);
        if (after.total() != snapshot.jobs()) {
          throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "restored " + after.total()
              + " jobs but the snapshot holds " + snapshot.jobs() + ": put the pre-restore state"
              + " back with: jobdb restore --from " + safety.path());
        }
        return new RestoreResult(location, snapshot, safety, before, after,
            (System.nanoTime() - started) / 1_000_000);
      }
    } catch (JobdbException e) {
      throw e;
    } catch (Exception e) {
      throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "restore of " + location.describe()
          + " from " + snapshot.path() + " failed: " + LiquibaseRunner.rootMessage(e), e);
    }
  }

  /**
   * Snapshots.restore checks the snapshot (integrity_check) before it writes anything; when it
   * refuses, nothing changed and the safety snapshot just taken is not needed.
   */
  private static void restoreOrDiscard(
      Snapshots snapshots, Connection c, SnapshotInfo snapshot, SnapshotInfo safety)
      throws IOException {
    try {
      snapshots.restore(c, snapshot.path());
    } catch (JobdbException e) {
      if (e.exitCode() == ExitCode.REFUSED) {
        Files.deleteIfExists(safety.path());
      }
      throw e;
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

  private static void requireIntact(Connection c, DatabaseLocation location) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      String first = rs.next() ? rs.getString(1) : "no answer";
      if (!"ok".equals(first)) {
        throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "integrity_check of "
            + location.describe() + " failed: " + first);
      }
    }
  }
}
