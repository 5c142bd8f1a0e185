package dev.jobdb.cli;

import dev.jobdb.cli.view.Json;
import dev.jobdb.cli.view.VersionReport;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command: its subcommands are added by {@link Cli}, only those a run needs. */
@Command(
    name = "jobdb",
    description = {
      "Keeps the job_queue schema (SQLite or PostgreSQL) in step with the app's JobStatus enum.",
      "Every setting is its flag, else its variable in the environment, else in the file .env"
          + " of the current folder, else the default: the database --db / DB_PATH (tracks.db)"
          + " or --db-url / DATABASE_URL (PostgreSQL), the enum --enum / JOBDB_ENUM"
          + " (FILE[:CLASS], read without running it; default: the built-in copy), the changelog"
          + " --changelog / JOBDB_CHANGELOG (a folder holding master.yaml; default: built-in)."
    })
public final class JobdbCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(
      names = {"-V", "--version"},
      description = "Print the versions of jobdb, SQLite, Liquibase and Java, and exit.")
  boolean version;

  @Option(names = "--json", description = "With --version: print them as one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    if (!version) {
      throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
    VersionReport report = VersionReport.current();
    if (json) {
      Json.print(spec.commandLine().getOut(), report);
    } else {
      report.lines().forEach(spec.commandLine().getOut()::println);
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
