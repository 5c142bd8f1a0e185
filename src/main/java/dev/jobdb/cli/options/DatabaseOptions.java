package dev.jobdb.cli.options;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.config.DatabaseTarget;
import dev.jobdb.engine.Engine;
import dev.jobdb.engine.Engines;
import dev.jobdb.config.DatabaseUrl;
import dev.jobdb.config.Settings;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where the database is; the same options and the same rule for every command. */
public final class DatabaseOptions {
  @Option(
      names = "--db",
      paramLabel = "PATH",
      description = "Database file. Wins over DB_PATH from the environment and the .env file.")
  public String db;

  @Option(
      names = "--db-url",
      paramLabel = "URL",
      description = {
        "PostgreSQL database instead of a file:",
        "postgresql://user:password@host:5432/db",
        "(or jdbc:postgresql://...). Wins over DATABASE_URL from the environment and the .env"
            + " file. Cannot be combined with --db or DB_PATH."
      })
  public String dbUrl;

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description = "The .env file to read DB_PATH, JOBDB_ENUM and JOBDB_CHANGELOG from"
          + " (default: ./.env, if present).")
  public String envFile;

  @Option(
      names = "--busy-timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "How long to wait for the app's write transactions (default: ${DEFAULT-VALUE}).")
  public int busyTimeoutSeconds;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

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

  /** The database this command works on, file or URL, by the one rule. */
  public DatabaseTarget target() {
    Optional<DatabaseUrl> url = settings().databaseUrl(dbUrl, db);
    return url.isPresent() ? url.get() : locate();
  }

  /**
   * The engine of {@link #target()}.
   *
   * @throws JobdbException {@link ExitCode#USAGE} when an option given does not apply to that
   *     kind of database (it would be silently ignored otherwise)
   */
  public Engine engine() {
    Engine engine = Engines.of(target(), busyTimeout());
    if (command != null) {
      DatabaseKindFlags.refuseInapplicable(command.commandLine().getParseResult(), engine);
    }
    return engine;
  }

  public Duration busyTimeout() {
    if (busyTimeoutSeconds < 0) {
      throw new JobdbException(ExitCode.USAGE, "--busy-timeout " + busyTimeoutSeconds
          + ": must be 0 or more seconds");
    }
    return Duration.ofSeconds(busyTimeoutSeconds);
  }
}
