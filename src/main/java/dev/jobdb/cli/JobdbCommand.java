package dev.jobdb.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

@Command(
    name = "jobdb",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Keeps the SQLite job_queue schema in step with the app's JobStatus enum.",
      "The database is --db, else DB_PATH from the environment, else DB_PATH in ./.env, else"
          + " ./tracks.db."
    },
    subcommands = {
      VerifySchemaCommand.class,
      MigrateCommand.class,
      RollbackCommand.class,
      StatusCommand.class,
      RestoreCommand.class,
      FixtureCommand.class,
      HelpCommand.class
    })
public final class JobdbCommand {}
