package dev.jobdb.cli;

import dev.jobdb.cli.options.ChangeOptions;
import dev.jobdb.cli.options.ChangelogOptions;
import dev.jobdb.cli.options.DatabaseOptions;
import dev.jobdb.cli.options.EnumOptions;
import dev.jobdb.cli.options.OutputOptions;
import dev.jobdb.cli.options.PgChangeOptions;
import dev.jobdb.cli.options.RemapOptions;
import dev.jobdb.cli.view.ChangeRendering;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.config.DatabaseUrl;
import dev.jobdb.config.StatusEnum;
import dev.jobdb.run.ChangeRequest;
import dev.jobdb.run.ChangeResult;
import dev.jobdb.run.ChangeService;
import dev.jobdb.run.StatusChangesets;
import java.util.Optional;
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
  @Mixin PgChangeOptions postgres;

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
    Optional<DatabaseUrl> pg = database.postgres();
    if (pg.isPresent()) {
      if (target.count != 1 || target.toId != null) {
        throw new JobdbException(ExitCode.USAGE, "on PostgreSQL rollback undoes the status"
            + " change only (003): drop --count and --to");
      }
      return PgCommands.change(spec.commandLine().getOut(), Progress.to(spec.commandLine()
          .getErr()), pg.get(), appEnum.resolve(database), "rollback", postgres, change, remap.remap,
          output, StatusChangesets.rollbackTarget(changelog.resolve(database)));
    }
    DatabaseLocation location = database.locate();
    output.announce(spec.commandLine().getOut(), location);
    StatusEnum statusEnum = appEnum.resolve(database);
    output.announce(spec.commandLine().getOut(), statusEnum);
    ChangeRequest request = new ChangeRequest(location, false, change.dryRun,
        !change.noBackup, change.backupDir, database.busyTimeout(), output.verbose(), remap.checked(statusEnum),
        Progress.to(spec.commandLine().getErr()), statusEnum, changelog.resolve(database),
        change.rebuild, change.keep.resolve(database));
    ChangeResult result = new ChangeService().rollback(request, target.count, target.toId);
    ChangeRendering.render(result, output, spec.commandLine().getOut());
    return 0;
  }
}
