package dev.jobdb.cli.options;

import dev.jobdb.config.ChangelogLocation;
import picocli.CommandLine.Option;

/** Which changelog a run uses; the same option and rule for every command that reads one. */
public final class ChangelogOptions {
  @Option(
      names = "--changelog",
      paramLabel = "DIR",
      description = "The app's changelog folder (it holds master.yaml). Wins over JOBDB_CHANGELOG"
          + " from the environment and the .env file; without any, jobdb's built-in changelog.")
  public String changelog;

  /** The folder by the one rule; not checked for existence (see ChangelogLocation). */
  public ChangelogLocation resolve(DatabaseOptions database) {
    return database.settings().changelog(changelog);
  }
}
