package dev.jobdb.cli;

import dev.jobdb.cli.options.ChangelogOptions;
import dev.jobdb.cli.options.DatabaseOptions;
import dev.jobdb.cli.options.EnumOptions;
import dev.jobdb.cli.options.OutputOptions;
import dev.jobdb.cli.view.Json;

import dev.jobdb.engine.Engine;
import dev.jobdb.engine.SnapshotInfo;
import dev.jobdb.run.StatusResult;
import dev.jobdb.run.StatusResult.ChangesetState;
import dev.jobdb.run.StatusService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Applied and pending changesets, the statuses the live constraint accepts, and"
        + " this database's snapshots. Reads only.")
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DatabaseOptions database;
  @Mixin EnumOptions appEnum;
  @Mixin ChangelogOptions changelog;
  @Mixin OutputOptions output;

  @Option(names = "--backup-dir", paramLabel = "DIR",
      description = "Where to look for snapshots; wins over JOBDB_BACKUP_DIR (default: beside the"
          + " database).")
  Path backupDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Engine engine = database.engine();
    output.announce(out, engine.target());
    output.announce(out, appEnum.resolve(database));
    StatusResult result = new StatusService().status(engine, changelog.resolve(database),
        database.settings().backupDir(backupDir).orElse(null));
    if (output.json()) {
      Json.print(out, result);
      return 0;
    }
    out.println("changesets:  " + (result.changesets().size() - result.pendingCount())
        + " applied, " + result.pendingCount() + " pending");
    for (ChangesetState c : result.changesets()) {
      String when = c.appliedAt() == null ? "" : c.appliedAt() + " (" + c.how() + ")";
      out.printf("  %-8s %-38s %s%n", c.state(), c.id(), when);
    }
    out.println("constraint:  " + (!result.jobQueuePresent() ? "no job_queue table"
        : result.liveStatuses() == null ? "none on job_queue.status: every value accepted"
        : "job_queue.status accepts " + String.join(", ", result.liveStatuses())));
    out.println("jobs:        " + result.jobs().describe());
    SnapshotInfo newest = result.newestSnapshot();
    out.println("snapshots:   " + (newest == null ? "none"
        : result.snapshots().size() + " taking " + mib(result.snapshotBytes()) + " MiB, newest "
            + newest.path() + " (" + newest.jobs() + " jobs, " + newest.createdAt() + ")"));
    out.flush();
    return 0;
  }

  private static long mib(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }
}
