package dev.jobdb.cli.options;

import java.nio.file.Path;
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
      description = "Where the snapshot goes (default: beside the database).")
  public Path backupDir;

  @Option(names = "--no-backup", description = "Do not take a snapshot first.")
  public boolean noBackup;

  @Option(
      names = "--rebuild",
      description = "Rebuild job_queue (copy every row into a new table) for each change of the"
          + " status constraint, instead of changing the constraint in place.")
  public boolean rebuild;
}
