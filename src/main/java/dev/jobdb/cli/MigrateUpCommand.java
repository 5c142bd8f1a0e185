package dev.jobdb.cli;

import dev.jobdb.cli.options.ChangeOptions;
import dev.jobdb.cli.options.ChangelogOptions;
import dev.jobdb.cli.options.DatabaseOptions;
import dev.jobdb.cli.options.EnumOptions;
import dev.jobdb.cli.options.OutputOptions;
import dev.jobdb.cli.options.PgChangeOptions;
import dev.jobdb.cli.options.RemapOptions;
import dev.jobdb.cli.view.ChangeRendering;

import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.config.DatabaseUrl;
import dev.jobdb.config.StatusEnum;
import dev.jobdb.run.ChangeRequest;
import dev.jobdb.run.ChangeResult;
import dev.jobdb.run.ChangeService;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Apply every pending changeset of the changelog: snapshot first, then one transaction; nothing is lost.",
      "A changeset the live schema already has is recorded as adopted, not run. A changeset"
          + " that narrows the constraint refuses over rows it would reject unless --remap"
          + " says where each status goes."
    })
final class MigrateUpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DatabaseOptions database;
  @Mixin EnumOptions appEnum;
  @Mixin ChangelogOptions changelog;
  @Mixin ChangeOptions change;
  @Mixin RemapOptions remap;
  @Mixin OutputOptions output;
  @Mixin PgChangeOptions postgres;

  @Option(
      names = "--create",
      description = "Create the database with the whole schema if the file does not exist"
          + " (without it, a missing file is refused: it is usually the wrong path).")
  boolean create;

  @Override
  public Integer call() {
    change.backupDir = change.backupDir(database); // --backup-dir > JOBDB_BACKUP_DIR
    Optional<DatabaseUrl> pg = database.postgres();
    if (pg.isPresent()) {
      return PgCommands.change(spec.commandLine().getOut(), Progress.to(spec.commandLine()
          .getErr()), pg.get(), appEnum.resolve(database), "migrate up", postgres, change,
          remap.remap, output, live -> java.util.Optional.empty());
    }
    DatabaseLocation location = database.locate();
    output.announce(spec.commandLine().getOut(), location);
    StatusEnum statusEnum = appEnum.resolve(database);
    output.announce(spec.commandLine().getOut(), statusEnum);
    ChangeRequest request = new ChangeRequest(location, create, change.dryRun,
        !change.noBackup, change.backupDir, database.busyTimeout(), output.verbose(), remap.checked(statusEnum),
        Progress.to(spec.commandLine().getErr()), statusEnum, changelog.resolve(database),
        change.rebuild, change.keep.resolve(database));
    ChangeResult result = new ChangeService().migrateUp(request);
    ChangeRendering.render(result, output, spec.commandLine().getOut());
    return 0;
  }
}
