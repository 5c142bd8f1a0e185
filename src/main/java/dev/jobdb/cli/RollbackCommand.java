package dev.jobdb.cli;

import dev.jobdb.cli.options.ChangeOptions;
import dev.jobdb.cli.options.ChangelogOptions;
import dev.jobdb.cli.options.DatabaseOptions;
import dev.jobdb.cli.options.EnumOptions;
import dev.jobdb.cli.options.OutputOptions;
import dev.jobdb.cli.options.OnlineChangeOptions;
import dev.jobdb.cli.options.RemapOptions;
import dev.jobdb.cli.view.ChangeRendering;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.engine.Engine;
import dev.jobdb.config.StatusEnum;
import dev.jobdb.run.ChangeResult;
import dev.jobdb.run.ChangeService;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Undo the newest applied changeset (or more) through its own rollback; never deletes a job.",
      "Same guarantees as migrate up. Rows a narrower constraint would reject are refused"
          + " (exit 4) unless --remap says where each status goes."
    })
final class RollbackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DatabaseOptions database;
  @Mixin EnumOptions appEnum;
  @Mixin ChangelogOptions changelog;
  @Mixin ChangeOptions change;
  @Mixin RemapOptions remap;
  @Mixin OutputOptions output;
  @Mixin OnlineChangeOptions online;

  @ArgGroup(exclusive = true)
  Target target = new Target();

  static final class Target {
    @Option(names = "--count", paramLabel = "N", defaultValue = "1",
        description = "Roll back the newest N applied changesets (default: 1).")
    int count = 1;

    @Option(names = "--to", paramLabel = "ID",
        description = "Roll back every changeset applied after changeset ID.")
    String toId;
  }

  @Override
  public Integer call() {
    if (target.count < 1) {
      throw new JobdbException(ExitCode.USAGE, "--count " + target.count
          + ": must be 1 or more");
    }
    change.backupDir = change.backupDir(database); // --backup-dir > JOBDB_BACKUP_DIR
    Engine engine = database.engine();
    output.announce(spec.commandLine().getOut(), engine.target());
    StatusEnum statusEnum = appEnum.resolve(database);
    output.announce(spec.commandLine().getOut(), statusEnum);
    ChangeResult result = new ChangeService().rollback(
        ChangeRequests.of(engine, false, change, remap, output, online, statusEnum,
            changelog.resolve(database), database, spec), target.count, target.toId);
    ChangeRendering.render(result, output, spec.commandLine().getOut());
    return 0;
  }
}
