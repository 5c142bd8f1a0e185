package dev.jobdb.engine;

import dev.jobdb.config.DatabaseTarget;
import dev.jobdb.config.StatusEnum;
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
 * One database jobdb was given, and everything that differs by its kind: opening it, its lock,
 * reading job_queue, changing the status constraint, snapshots. The services in {@code run} drive
 * every engine the same way; nothing above an engine asks which kind it is.
 */
public interface Engine {
  /** The database as the user gave it (file or URL), with where that came from. */
  DatabaseTarget target();

  /** The kind of database, in words, for messages (e.g. {@code SQLite}). */
  String kind();

  /**
   * Options that mean nothing on this kind of database, each with the reason: given, they would
   * be silently ignored, so the command refuses them (exit 2).
   */
  Map<String, String> optionsThatDoNotApply();

  /**
   * Opens the database for migrate up or rollback: checks that it is there (or may be created),
   * takes the one-jobdb-at-a-time lock unless {@code dryRun}.
   */
  ChangeSession openForChange(String command, boolean create, boolean dryRun);

  /** A connection that only reads (status). */
  Connection openForReading();

  /** The live schema and job_queue, read (and its status constraint changed) over {@code c}. */
  LiveSchema schema(Connection c);

  /** This database's snapshots in {@code backupDir} (null: the engine's default), newest first. */
  List<SnapshotInfo> snapshots(Path backupDir);

  /**
   * verify-schema: how job_queue drifts from the app's enum ({@code check}: the damage checks of
   * a database file; an engine without a file refuses the option, see
   * {@link #optionsThatDoNotApply}).
   */
  DriftReport inspect(StatusEnum statusEnum, DamageCheck check);

  /**
   * Puts a snapshot back ({@code from}, or the newest of this database when null) after taking a
   * snapshot of the current state, holding the one-jobdb lock.
   */
  RestoreResult restore(Path from, Path backupDir, int keep, Consumer<String> progress);

  /** A failure to read or write the database, as the one line the user sees (exit 3). */
  RuntimeException unusable(SQLException e);
}
