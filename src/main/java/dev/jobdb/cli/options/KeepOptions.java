package dev.jobdb.cli.options;

import picocli.CommandLine.Option;

/** How many snapshots of a database a run keeps; the same option wherever a snapshot is taken. */
public final class KeepOptions {
  @Option(
      names = "--keep",
      paramLabel = "N",
      description = "Keep the newest N snapshots of this database and remove older ones (never the"
          + " one this run took). Wins over JOBDB_KEEP_SNAPSHOTS (default: 10).")
  public String keep;

  /** --keep > JOBDB_KEEP_SNAPSHOTS (environment, then .env) > 10. */
  public int resolve(DatabaseOptions database) {
    return database.settings().keepSnapshots(keep);
  }
}
