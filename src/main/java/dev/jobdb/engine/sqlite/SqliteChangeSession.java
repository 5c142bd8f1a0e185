package dev.jobdb.engine.sqlite;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.db.Sqlite;
import dev.jobdb.engine.ChangeSession;
import dev.jobdb.engine.ChangeUnit;
import dev.jobdb.engine.SnapshotInfo;
import dev.jobdb.engine.sqlite.snapshot.SnapshotRetention;
import dev.jobdb.engine.sqlite.snapshot.Snapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import liquibase.changelog.ChangeSet;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** A SQLite file opened for a change: jobdb's file lock held, the whole run one transaction. */
final class SqliteChangeSession implements ChangeSession {
  private final DatabaseLocation location;
  private final Duration busyTimeout;
  private final RunLock lock;
  private final Connection connection;
  private final boolean creates;

  SqliteChangeSession(DatabaseLocation location, Duration busyTimeout, RunLock lock,
      Connection connection, boolean creates) {
    this.location = location;
    this.busyTimeout = busyTimeout;
    this.lock = lock;
    this.connection = connection;
    this.creates = creates;
  }

  @Override
  public Connection connection() {
    return connection;
  }

  @Override
  public boolean creates() {
    return creates;
  }

  @Override
  public void requireFreeSpace(List<ChangeSet> toApply, Path snapshotDir, boolean rebuild)
      throws SQLException {
    if (creates || !Files.exists(location.path())) {
      return;
    }
    try {
      FreeSpaceCheck.require(connection, location.path(), rebuild ? FreeSpaceCheck.Method.REBUILD
          : FreeSpaceCheck.Method.IN_PLACE, toApply,
          snapshotDir == null ? null : snapshotDir);
    } catch (IOException e) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "cannot write beside "
          + location.describe() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Supplier<SnapshotInfo> startSnapshot(Path backupDir, Consumer<String> progress) {
    progress.accept("taking a snapshot of " + location.path() + " ...");
    return new Snapshots(Clock.systemUTC(), progress)
        .start(location.path(), backupDir, busyTimeout)::await;
  }

  @Override
  public void rehearse(Rehearsal work) {
    if (creates) {
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
      } catch (SQLException e) {
        throw Sqlite.unusable(location, e);
      }
      return;
    }
    if (Files.exists(location.path())) {
      LiquibaseWarmUp.rehearse(connection, work);
    }
  }

  @Override
  public ChangeUnit begin(boolean dryRun) throws SQLException {
    // Index changesets and Liquibase's bookkeeping commit step by step (the app's writers wait for
    // one step at a time), except in a dry run, which must change nothing.
    return new RunTransaction(connection, !dryRun, this::failed);
  }

  @Override
  public boolean allOrNothing() {
    return true;
  }

  /** An OS file lock: another host on a network share may not see it. */
  @Override
  public boolean lockCoversEveryHost() {
    return false;
  }

  @Override
  public String pruneSnapshots(SnapshotInfo newest, Path backupDir, int keep) {
    return SnapshotInfo.describeRemoved(SnapshotRetention.prune(location.path(), backupDir, keep,
        newest.path()), keep);
  }

  @Override
  public void discardCreated() {
    if (!creates) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing only to delete the file
    }
    for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
      try {
        Files.deleteIfExists(Path.of(location.path() + suffix));
      } catch (IOException ignored) {
        // best effort: the file did not exist before this run
      }
    }
  }

  @Override
  public RuntimeException failed(SQLException e) {
    if (e instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_FULL) {
      return new JobdbException(ExitCode.FAILED_ROLLED_BACK, "the disk beside "
          + location.describe() + " filled up during the change: it was rolled back and the"
          + " database is unchanged; free disk space and run again", e);
    }
    return Sqlite.unusable(location, e);
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
