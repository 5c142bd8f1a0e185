package dev.jobdb.engine.sqlite;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.config.StatusEnum;
import dev.jobdb.db.Sqlite;
import dev.jobdb.engine.ChangeSession;
import dev.jobdb.engine.Engine;
import dev.jobdb.engine.LiveSchema;
import dev.jobdb.engine.RestoreResult;
import dev.jobdb.schema.DamageCheck;
import dev.jobdb.schema.DriftReport;
import dev.jobdb.schema.SchemaInspector;
import dev.jobdb.engine.SnapshotInfo;
import dev.jobdb.engine.sqlite.snapshot.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A SQLite database file: one transaction per run, the page-copy snapshot, the OS file lock. */
public final class SqliteEngine implements Engine {
  private final DatabaseLocation location;
  private final Duration busyTimeout;

  SqliteEngine(DatabaseLocation location, Duration busyTimeout) {
    this.location = location;
    this.busyTimeout = busyTimeout;
  }

  @Override
  public DatabaseLocation target() {
    return location;
  }

  @Override
  public String kind() {
    return "SQLite";
  }

  @Override
  public Map<String, String> optionsThatDoNotApply() {
    return Map.of(
        "--lock-timeout", "SQLite waits for the app's writers under --busy-timeout instead",
        "--lock-attempts", "SQLite waits for the app's writers under --busy-timeout instead",
        "--rewrite-enum", "SQLite has no enum types: the CHECK constraint is changed in place");
  }

  @Override
  public ChangeSession openForChange(String command, boolean create, boolean dryRun) {
    boolean missing = !Files.exists(location.path());
    if (missing && !create) {
      throw new JobdbException(ExitCode.REFUSED, "refused: database not found: "
          + location.describe() + "; nothing was created. Check the path, --db or DB_PATH,"
          + " or pass --create to create a new database with the whole schema");
    }
    if (missing && !Files.isDirectory(location.path().getParent())) {
      throw new JobdbException(ExitCode.USAGE, "cannot create " + location.describe()
          + ": its folder does not exist; create the folder or fix the path");
    }
    if (!missing && !dryRun && !Files.isWritable(location.path())) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "database is read-only: "
          + location.describe() + ": nothing was changed; make the file (or its mount) writable"
          + " for the user running jobdb, then run again");
    }
    RunLock lock = dryRun ? null : RunLock.acquire(location.path(), command);
    try {
      Connection c = missing
          ? dryRun ? Sqlite.openInMemory(location) : Sqlite.openOrCreate(location, busyTimeout)
          : Sqlite.openForChange(location, busyTimeout);
      return new SqliteChangeSession(location, busyTimeout, lock, c, missing && !dryRun);
    } catch (RuntimeException e) {
      if (lock != null) {
        lock.close();
      }
      throw e;
    }
  }

  @Override
  public Connection openForReading() {
    return Sqlite.openReadOnly(location, busyTimeout);
  }

  @Override
  public LiveSchema schema(Connection c) {
    return new SqliteSchema(c);
  }

  @Override
  public List<SnapshotInfo> snapshots(Path backupDir) {
    return new Snapshots().list(location.path(), backupDir);
  }

  @Override
  public DriftReport inspect(StatusEnum statusEnum, DamageCheck check) {
    return new SchemaInspector(busyTimeout, check).inspect(location, statusEnum);
  }

  @Override
  public RestoreResult restore(Path from, Path backupDir, int keep, Consumer<String> progress) {
    return new SqliteRestore(location, busyTimeout).restore(from, backupDir, keep, progress);
  }

  @Override
  public RuntimeException unusable(SQLException e) {
    return Sqlite.unusable(location, e);
  }
}
