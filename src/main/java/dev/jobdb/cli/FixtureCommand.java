package dev.jobdb.cli;

import dev.jobdb.fixture.DeployedDatabase;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Hidden: builds a database shaped like the user's pre-fix tracks.db, for the demo and benchmarks. */
@Command(
    name = "make-fixture",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Create a database shaped like the deployed, pre-fix tracks.db (WAL, 8 indexes).")
final class FixtureCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The database file to create (must not exist).")
  Path file;

  @Option(names = "--jobs", description = "Number of jobs (default: the user's 624).")
  Integer jobs;

  @Override
  public Integer call() throws Exception {
    DeployedDatabase.Shape shape =
        jobs == null ? DeployedDatabase.Shape.USERS_DATA : DeployedDatabase.Shape.scaled(jobs);
    DeployedDatabase.create(file, shape);
    spec.commandLine().getOut().println("created " + file.toAbsolutePath() + " (" + shape + ")");
    return 0;
  }
}
