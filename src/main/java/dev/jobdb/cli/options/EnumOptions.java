package dev.jobdb.cli.options;

import dev.jobdb.config.StatusEnum;
import picocli.CommandLine.Option;

/** Which enum the statuses come from; the same option and rule for every command. */
public final class EnumOptions {
  @Option(
      names = "--enum",
      paramLabel = "FILE[:CLASS]",
      description = "The app's Python file defining the status enum, read without running it"
          + " (CLASS default: JobStatus). Wins over JOBDB_ENUM from the environment and the .env"
          + " file; without any, jobdb's built-in copy of JobStatus.")
  public String enumFile;

  /** The enum by the one rule: --enum > JOBDB_ENUM (environment, then .env) > built-in copy. */
  public StatusEnum resolve(DatabaseOptions database) {
    return database.settings().statusEnum(enumFile);
  }
}
