package dev.jobdb.engine.postgres;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseUrl;
import dev.jobdb.engine.ChangeSession;
import dev.jobdb.engine.ChangeUnit;
import dev.jobdb.engine.SnapshotInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import liquibase.changelog.ChangeSet;

/** A PostgreSQL database opened for a change, jobdb's advisory lock held (none for a dry run). */
final class PgChangeSession implements ChangeSession {
  private final DatabaseUrl url;
  private final AdvisoryLock lock;
  private final Connection connection;

  PgChangeSession(DatabaseUrl url, AdvisoryLock lock, Connection connection) {
    this.url = url;
    this.lock = lock;
    this.connection = connection;
  }

  @Override
  public Connection connection() {
    return connection;
  }

  @Override
  public boolean creates() {
    return false;
  }

  /** Nothing is rewritten on the server; the snapshot checks its own folder's space. */
  @Override
  public void requireFreeSpace(List<ChangeSet> toApply, Path snapshotDir, boolean rebuild) {}

  @Override
  public Supplier<SnapshotInfo> startSnapshot(Path backupDir, Consumer<String> progress) {
    progress.accept("taking a snapshot of job_queue in " + url.display() + " ...");
    // Retention runs after the change (pruneSnapshots), as on SQLite: keep every one until then.
    SnapshotInfo taken = new PgSnapshots(Clock.systemUTC()).take(connection, url, backupDir);
    return () -> taken;
  }

  /** The server compiles nothing ahead: no rehearsal. */
  @Override
  public void rehearse(Rehearsal work) {}

  @Override
  public ChangeUnit begin(boolean dryRun) throws SQLException {
    return dryRun ? new PgDryRun(connection) : new PgChangesets(connection);
  }

  @Override
  public boolean allOrNothing() {
    return false;
  }

  /** The advisory lock lives on the server: no jobdb anywhere works on the database meanwhile. */
  @Override
  public boolean lockCoversEveryHost() {
    return lock != null;
  }

  @Override
  public String pruneSnapshots(SnapshotInfo newest, Path backupDir, int keep) {
    return SnapshotInfo.describeRemoved(PgSnapshotFolder.prune(url,
        PgSnapshotFolder.of(backupDir), keep, newest.path()), keep);
  }

  @Override
  public void discardCreated() {}

  @Override
  public RuntimeException failed(SQLException e) {
    if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
      return Postgres.unusable(url, e);
    }
    return new JobdbException(ExitCode.FAILED_ROLLED_BACK, "the change failed: "
        + Postgres.oneLine(e.getMessage()) + "; run again with --verbose for details", e);
  }

  @Override
  public void close() throws SQLException {
    try {
      connection.close();
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }
}
