package dev.jobdb.run;

import dev.jobdb.config.ChangelogLocation;
import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.config.Settings;
import dev.jobdb.config.StatusEnum;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to run a change.
 *
 * @param create create the database when it does not exist (migrate up only)
 * @param backupDir where snapshots go; null: beside the database
 * @param remap for a narrowing rollback: status to move each offending status to
 * @param progress progress lines for stderr
 * @param statusEnum the app's enum, for the custom changes that default to it
 * @param changelog the changelog folder (or the built-in changelog) the run applies
 * @param rebuild rebuild the table for each constraint change instead of changing it in place
 * @param keepSnapshots how many snapshots of the database to keep after a run that took one
 */
public record ChangeRequest(
    DatabaseLocation location,
    boolean create,
    boolean dryRun,
    boolean backup,
    Path backupDir,
    Duration busyTimeout,
    boolean verbose,
    Map<String, String> remap,
    Consumer<String> progress,
    StatusEnum statusEnum,
    ChangelogLocation changelog,
    boolean rebuild,
    int keepSnapshots) {

  /** Keeping the default number of snapshots. */
  public ChangeRequest(DatabaseLocation location, boolean create, boolean dryRun, boolean backup,
      Path backupDir, Duration busyTimeout, boolean verbose, Map<String, String> remap,
      Consumer<String> progress, StatusEnum statusEnum, ChangelogLocation changelog,
      boolean rebuild) {
    this(location, create, dryRun, backup, backupDir, busyTimeout, verbose, remap, progress,
        statusEnum, changelog, rebuild, Settings.DEFAULT_KEEP_SNAPSHOTS);
  }
}
