package dev.jobdb.cli;

import dev.jobdb.cli.options.ChangelogOptions;
import dev.jobdb.cli.options.DatabaseOptions;
import dev.jobdb.cli.options.EnumOptions;
import dev.jobdb.cli.options.OutputOptions;
import dev.jobdb.cli.view.DiffRendering;
import dev.jobdb.cli.view.Json;

import dev.jobdb.changelog.DiffRequest;
import dev.jobdb.changelog.DiffResult;
import dev.jobdb.changelog.DiffService;
import dev.jobdb.engine.Engine;
import dev.jobdb.config.StatusEnum;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compare job_queue's status constraint with the app's enum and write the changeset that"
          + " closes the gap into the app's changelog folder (--changelog or JOBDB_CHANGELOG),"
          + " with its include line in master.yaml. Reads the database, never writes it.",
      "Refused (exit 4) while changesets are pending: run migrate up first."
    })
final class MigrateDiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DatabaseOptions database;
  @Mixin EnumOptions appEnum;
  @Mixin ChangelogOptions changelog;
  @Mixin OutputOptions output;

  @Option(names = "--dry-run",
      description = "Print the changeset instead of writing it; nothing is written.")
  boolean dryRun;

  @Option(
      names = "--rename",
      paramLabel = "FROM=TO",
      split = ",",
      description = "A value the enum renamed (e.g. dead_letter=dlq): one changeset widens,"
          + " moves those rows and narrows, in one transaction; its rollback moves them back.")
  Map<String, String> renames = new LinkedHashMap<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Engine engine = database.engine();
    output.announce(out, engine.target());
    StatusEnum statusEnum = appEnum.resolve(database);
    output.announce(out, statusEnum);
    DiffResult result = new DiffService().diff(new DiffRequest(engine, statusEnum,
        changelog.resolve(database), renames, dryRun));
    if (output.json()) {
      Json.print(out, result);
    } else {
      DiffRendering.render(result, out);
    }
    return 0;
  }
}
