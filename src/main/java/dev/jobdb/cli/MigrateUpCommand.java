package dev.jobdb.cli;

import dev.jobdb.cli.options.ChangeOptions;
import dev.jobdb.cli.options.ChangelogOptions;
import dev.jobdb.cli.options.DatabaseOptions;
import dev.jobdb.cli.options.EnumOptions;
import dev.jobdb.cli.options.OutputOptions;
import dev.jobdb.cli.options.OnlineChangeOptions;
import dev.jobdb.cli.options.RemapOptions;
import dev.jobdb.cli.view.ChangeRendering;

import dev.jobdb.engine.Engine;
import dev.jobdb.config.StatusEnum;
import dev.jobdb.run.ChangeResult;
import dev.jobdb.run.ChangeService;
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
  @Mixin OnlineChangeOptions online;

  @Option(
      names = "--create",
      description = "Create the database with the whole schema if the file does not exist"
          + " (without it, a missing file is refused: it is usually the wrong path).")
  boolean create;

  @Override
  public Integer call() {
    change.backupDir = change.backupDir(database); // --backup-dir > JOBDB_BACKUP_DIR
    Engine engine = database.engine();
    output.announce(spec.commandLine().getOut(), engine.target());
    StatusEnum statusEnum = appEnum.resolve(database);
    output.announce(spec.commandLine().getOut(), statusEnum);
    ChangeResult result = new ChangeService().migrateUp(
        ChangeRequests.of(engine, create, change, remap, output, online, statusEnum,
            changelog.resolve(database), database, spec));
    ChangeRendering.render(result, output, spec.commandLine().getOut());
    return 0;
  }
}
