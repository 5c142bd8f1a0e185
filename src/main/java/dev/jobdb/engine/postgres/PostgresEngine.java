package dev.jobdb.engine.postgres;

import dev.jobdb.config.DatabaseUrl;
import dev.jobdb.config.StatusEnum;
import dev.jobdb.engine.ChangeSession;
import dev.jobdb.engine.Engine;
import dev.jobdb.engine.LiveSchema;
import dev.jobdb.engine.RestoreResult;
import dev.jobdb.schema.DamageCheck;
import dev.jobdb.schema.DriftReport;
import dev.jobdb.engine.SnapshotInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A PostgreSQL database: the app's workers keep writing while jobdb works, so each changeset
 * commits on its own and the status change runs online (NOT VALID, VALIDATE, swap), each step under
 * lock_timeout; one jobdb at a time through an advisory lock; snapshots of job_queue in COPY format.
 */
public final class PostgresEngine implements Engine {
  private final DatabaseUrl url;

  PostgresEngine(DatabaseUrl url) {
    this.url = url;
  }

  @Override
  public DatabaseUrl target() {
    return url;
  }

  @Override
  public String kind() {
    return "PostgreSQL";
  }

  @Override
  public Map<String, String> optionsThatDoNotApply() {
    return Map.of(
        "--create", "a PostgreSQL database is created by its server, not by jobdb",
        "--rebuild", "PostgreSQL changes the constraint online and never rebuilds job_queue",
        "--busy-timeout", "PostgreSQL waits per step under --lock-timeout instead",
        "--check", "it names SQLite's damage checks; PostgreSQL has no file to check");
  }

  @Override
  public ChangeSession openForChange(String command, boolean create, boolean dryRun) {
    AdvisoryLock lock = null;
    try {
      if (!dryRun) {
        lock = AdvisoryLock.acquire(Postgres.open(url, command + " lock"), url);
      }
      Connection c = Postgres.open(url, command);
      PgCatalog.read(c, url); // the app's job_queue must be there: jobdb adopts it, never creates it
      return new PgChangeSession(url, lock, c);
    } catch (SQLException e) {
      closeQuietly(lock);
      throw Postgres.unusable(url, e);
    } catch (RuntimeException e) {
      closeQuietly(lock);
      throw e;
    }
  }

  private static void closeQuietly(AdvisoryLock lock) {
    if (lock != null) {
      try {
        lock.close();
      } catch (SQLException ignored) {
        // ending the session releases the lock anyway
      }
    }
  }

  @Override
  public Connection openForReading() {
    Connection c = Postgres.open(url, "status");
    try {
      c.setReadOnly(true);
      return c;
    } catch (SQLException e) {
      throw Postgres.unusable(url, e);
    }
  }

  @Override
  public LiveSchema schema(Connection c) {
    return new PgSchema(c, url);
  }

  @Override
  public List<SnapshotInfo> snapshots(Path backupDir) {
    return PgSnapshotFolder.snapshots(url, backupDir);
  }

  @Override
  public DriftReport inspect(StatusEnum statusEnum, DamageCheck check) {
    return new PgSchemaInspector().inspect(url, statusEnum);
  }

  @Override
  public RestoreResult restore(Path from, Path backupDir, int keep, Consumer<String> progress) {
    return new PgRestoreRun(url).restore(from, backupDir, keep, progress);
  }

  @Override
  public RuntimeException unusable(SQLException e) {
    return Postgres.unusable(url, e);
  }
}
