package dev.jobdb.pg.change;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseUrl;
import dev.jobdb.pg.AdvisoryLock;
import dev.jobdb.pg.PgCatalog;
import dev.jobdb.pg.PgJobCounts;
import dev.jobdb.pg.Postgres;
import dev.jobdb.pg.snapshot.PgRestore;
import dev.jobdb.pg.snapshot.PgSnapshotFolder;
import dev.jobdb.pg.snapshot.PgSnapshotInfo;
import dev.jobdb.pg.snapshot.PgSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * restore on PostgreSQL: one jobdb at a time, a snapshot of the current state first (so the
 * restore can be undone), then the snapshot put back in one transaction and checked by counts.
 */
public final class PgRestoreService {
  /**
   * @param before jobs by status before
   * @param after jobs by status afterwards: the snapshot's
   * @param safetySnapshot the state before the restore, to undo it with
   */
  public record Result(String database, Path restoredFrom, Map<String, Long> before,
      Map<String, Long> after, PgSnapshotInfo safetySnapshot, long elapsedMillis) {}

  public Result restore(DatabaseUrl url, Path from, Path backupDir, Duration lockTimeout) {
    long started = System.nanoTime();
    if (from == null) {
      from = PgSnapshotFolder.newest(url, backupDir).orElseThrow(() -> new JobdbException(
          ExitCode.USAGE, "no snapshot of " + url.display() + " found in "
              + PgSnapshotFolder.of(backupDir) + ": pass --from FILE or --backup-dir DIR"));
    }
    if (!Files.isRegularFile(from)) {
      throw new JobdbException(ExitCode.USAGE, "restore on PostgreSQL needs --from FILE, a"
          + " snapshot file (*" + PgSnapshots.SUFFIX + ")" + (from == null ? ""
              : ": " + from.toAbsolutePath() + " is not a file"));
    }
    try (AdvisoryLock lock = AdvisoryLock.acquire(Postgres.open(url, "restore lock"), url);
        Connection c = Postgres.open(url, "restore")) {
      Map<String, Long> before = PgJobCounts.byStatus(c, PgCatalog.read(c, url));
      PgSnapshotInfo safety = new PgSnapshots(Clock.systemUTC()).take(c, url,
          backupDir);
      Map<String, Long> after = new PgRestore(lockTimeout).restore(c, url, from);
      return new Result(url.display(), from.toAbsolutePath(), before, after, safety,
          (System.nanoTime() - started) / 1_000_000);
    } catch (SQLException e) {
      throw Postgres.unusable(url, e);
    }
  }
}
