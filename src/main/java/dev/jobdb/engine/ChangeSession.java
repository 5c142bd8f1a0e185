package dev.jobdb.engine;

import dev.jobdb.engine.SnapshotInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import liquibase.changelog.ChangeSet;

/** A database opened for migrate up or rollback, its one-jobdb lock held until {@link #close}. */
public interface ChangeSession extends AutoCloseable {
  /** The connection the run reads its plan (history, counts) through. */
  Connection connection();

  /** True when this run creates the database (it did not exist). */
  boolean creates();

  /**
   * Refuses (exit 4, nothing changed) when the run could run out of disk.
   *
   * @param toApply the changesets a migrate up will run (empty for a rollback)
   * @param snapshotDir where the snapshot goes; null when none is taken
   */
  void requireFreeSpace(List<ChangeSet> toApply, Path snapshotDir, boolean rebuild)
      throws SQLException;

  /**
   * Starts the snapshot taken before anything changes; the supplier waits for it, verified.
   *
   * @param backupDir where it goes; null: the engine's default
   */
  Supplier<SnapshotInfo> startSnapshot(Path backupDir, Consumer<String> progress);

  /**
   * Rehearses the run's Liquibase work where that shortens the time the app waits (on an empty
   * copy of the schema); does nothing where it would not.
   */
  void rehearse(Rehearsal work);

  /** The Liquibase work of a run, on the connection it is given. */
  interface Rehearsal {
    void run(Connection c) throws Exception;
  }

  /**
   * Begins what Liquibase runs in: on SQLite the whole run as one transaction; elsewhere each
   * changeset commits on its own. {@code dryRun}: one transaction, rolled back whatever happens.
   */
  ChangeUnit begin(boolean dryRun) throws SQLException;

  /**
   * True when the whole run is one transaction under the database's write lock: a failure leaves
   * the database exactly as before, and the job total cannot change meanwhile. False when each
   * changeset commits on its own while the app keeps writing: a failure keeps the changesets
   * before it, and the snapshot.
   */
  boolean allOrNothing();

  /**
   * True when jobdb's own lock on this database keeps out a jobdb on every host (a server's
   * advisory lock), false when it covers this host only (an OS file lock).
   */
  boolean lockCoversEveryHost();

  /** Removes older snapshots beyond {@code keep}; what it removed, in words (empty: nothing). */
  String pruneSnapshots(SnapshotInfo newest, Path backupDir, int keep);

  /** Removes what a failed run created (a new database file). */
  void discardCreated();

  /** A failure while changing, as the user must hear it (a full disk, a lost server...). */
  RuntimeException failed(SQLException e);

  @Override
  void close() throws SQLException;
}
