package dev.jobdb.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

@Command(
    name = "jobdb",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Keeps the SQLite job_queue schema in step with the app's JobStatus enum.",
      "Every setting is its flag, else its variable in the environment, else in ./.env, else the"
          + " default: the database --db / DB_PATH (./tracks.db), the enum --enum / JOBDB_ENUM"
          + " (FILE[:CLASS], read without running it; default: the built-in copy), the changelog"
          + " --changelog / JOBDB_CHANGELOG (a folder holding master.yaml; default: built-in)."
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
