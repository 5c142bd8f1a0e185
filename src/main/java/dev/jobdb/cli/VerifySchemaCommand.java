package dev.jobdb.cli;

import dev.jobdb.cli.options.DatabaseOptions;
import dev.jobdb.cli.options.EnumOptions;
import dev.jobdb.cli.options.OutputOptions;
import dev.jobdb.cli.view.DriftReportJson;
import dev.jobdb.cli.view.DriftReportText;
import dev.jobdb.cli.view.Json;

import dev.jobdb.ExitCode;
import dev.jobdb.engine.Engine;
import dev.jobdb.schema.DamageCheck;
import dev.jobdb.config.StatusEnum;
import dev.jobdb.schema.DriftReport;
import dev.jobdb.run.SchemaService;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "verify-schema",
    mixinStandardHelpOptions = true,
    description = {
      "Compare job_queue with the app's status enum and columns. Opens the database read-only"
          + " and never creates a database file.",
      "Drift (exit 1): a status the database rejects, a row whose status the enum lacks, a missing"
          + " column. Warnings (exit 0): statuses allowed beyond the enum, no CHECK on status,"
          + " missing indexes."
    })
final class VerifySchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DatabaseOptions database;
  @Mixin EnumOptions appEnum;
  @Mixin OutputOptions output;

  @Option(
      names = "--check",
      paramLabel = "fast|full",
      defaultValue = "fast",
      description = {
        "How hard to look for damage first (default: fast). fast: the file header, the schema,"
            + " the status index and the table's first and last pages, in milliseconds at any"
            + " size. full: also quick_check of job_queue and its indexes, every page and row"
            + " (1-2 s per million rows)."
      })
  DamageCheck check;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Engine engine = database.engine();
    output.announce(out, engine.target());
    StatusEnum statusEnum = appEnum.resolve(database);
    output.announce(out, statusEnum);
    DriftReport report = new SchemaService().inspect(engine, statusEnum, check);
    if (output.json()) {
      Json.print(out, DriftReportJson.of(report, engine.target()));
    } else {
      DriftReportText.print(out, report);
    }
    return (report.inSync() ? ExitCode.OK : ExitCode.DRIFT).code();
  }
}
