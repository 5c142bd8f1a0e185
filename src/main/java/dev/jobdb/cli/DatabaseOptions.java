package dev.jobdb.cli;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.config.Settings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the database is; the same options and the same rule for every command. */
public final class DatabaseOptions {
  @Option(
      names = "--db",
      paramLabel = "PATH",
      description = "Database file. Wins over DB_PATH from the environment and the .env file.")
  String db;

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description = "The .env file to read DB_PATH, JOBDB_ENUM and JOBDB_CHANGELOG from"
          + " (default: ./.env, if present).")
  String envFile;

  @Option(
      names = "--busy-timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "How long to wait for the app's write transactions (default: ${DEFAULT-VALUE}).")
  int busyTimeoutSeconds;

  private Settings settings;

  /** Every setting of this run, by the one rule (flag > environment > .env > default). */
  public Settings settings() {
    if (settings == null) {
      settings = Settings.forThisProcess(envFile);
    }
    return settings;
  }

  public DatabaseLocation locate() {
    return settings().database(db);
  }

  public Duration busyTimeout() {
    if (busyTimeoutSeconds < 0) {
      throw new JobdbException(ExitCode.USAGE, "--busy-timeout " + busyTimeoutSeconds
          + ": must be 0 or more seconds");
    }
    return Duration.ofSeconds(busyTimeoutSeconds);
  }
}
