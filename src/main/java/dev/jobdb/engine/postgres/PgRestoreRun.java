package dev.jobdb.engine.postgres;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseUrl;
import dev.jobdb.db.JobCounts;
import dev.jobdb.engine.RestoreResult;
import dev.jobdb.engine.SnapshotInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * restore on PostgreSQL: one jobdb at a time, a snapshot of the current state first (so the
 * restore can be undone), then the snapshot put back in one transaction and checked by its counts.
 */
final class PgRestoreRun {
  private final DatabaseUrl url;

  PgRestoreRun(DatabaseUrl url) {
    this.url = url;
  }

  RestoreResult restore(Path from, Path backupDir, int keep, Consumer<String> progress) {
    long started = System.nanoTime();
    Path file = from != null ? from.toAbsolutePath().normalize()
        : PgSnapshotFolder.newest(url, backupDir).orElseThrow(() -> new JobdbException(
            ExitCode.USAGE, "no snapshot of " + url.display() + " found in "
                + PgSnapshotFolder.of(backupDir) + ": pass --from FILE or --backup-dir DIR"));
    if (!Files.isRegularFile(file)) {
      throw new JobdbException(ExitCode.USAGE, "--from " + file + ": not a file; name a"
          + " snapshot file (*" + PgSnapshots.SUFFIX + "), or leave --from out for the newest");
    }
    SnapshotInfo snapshot = PgSnapshotFolder.info(url, file);
    try (AdvisoryLock lock = AdvisoryLock.acquire(Postgres.open(url, "restore lock"), url);
        Connection c = Postgres.open(url, "restore")) {
      JobCounts before = counts(PgJobCounts.byStatus(c, PgCatalog.read(c, url)));
      SnapshotInfo safety = new PgSnapshots(Clock.systemUTC()).take(c, url, backupDir);
      JobCounts after = counts(new PgRestore(Duration.ofSeconds(2)).restore(c, url, file));
      String pruned = SnapshotInfo.describeRemoved(PgSnapshotFolder.prune(url,
          PgSnapshotFolder.of(backupDir), keep, safety.path()), keep);
      pruned.lines().forEach(progress);
      return new RestoreResult(url, snapshot, "header", safety, before, after,
          (System.nanoTime() - started) / 1_000_000, pruned.isEmpty() ? List.of()
              : List.of(pruned));
    } catch (SQLException e) {
      throw Postgres.unusable(url, e);
    }
  }

  private static JobCounts counts(Map<String, Long> byStatus) {
    return new JobCounts(byStatus.values().stream().mapToLong(Long::longValue).sum(), byStatus);
  }
}
