package dev.jobdb.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of every command that changes the database. */
public final class ChangeOptions {
  @Option(
      names = "--dry-run",
      description = "Rehearse the change in a transaction that is rolled back; print its SQL."
          + " Changes nothing: no snapshot, no Liquibase tables, no lock file.")
  public boolean dryRun;

  @Option(
      names = "--backup-dir",
      paramLabel = "DIR",
      description = "Where the snapshot goes; wins over JOBDB_BACKUP_DIR (default: beside a"
          + " SQLite database; for PostgreSQL the per-user data folder, see docs).")
  public Path backupDir;

  /** --backup-dir > JOBDB_BACKUP_DIR (environment, then .env); null: the engine's default. */
  public Path backupDir(DatabaseOptions database) {
    return database.settings().backupDir(backupDir).orElse(null);
  }

  @Option(names = "--no-backup", description = "Do not take a snapshot first.")
  public boolean noBackup;

  @Mixin public KeepOptions keep = new KeepOptions();

  @Option(
      names = "--rebuild",
      description = "Rebuild job_queue (copy every row into a new table) for each change of the"
          + " status constraint, instead of changing the constraint in place.")
  public boolean rebuild;
}
