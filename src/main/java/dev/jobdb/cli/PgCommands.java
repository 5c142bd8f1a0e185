package dev.jobdb.cli;

import dev.jobdb.cli.options.ChangeOptions;
import dev.jobdb.cli.options.OutputOptions;
import dev.jobdb.cli.options.PgChangeOptions;
import dev.jobdb.cli.view.DriftReportJson;
import dev.jobdb.cli.view.DriftReportText;
import dev.jobdb.cli.view.ErrorReport;
import dev.jobdb.cli.view.Json;

import dev.jobdb.ExitCode;
import dev.jobdb.config.DatabaseUrl;
import dev.jobdb.config.StatusEnum;
import dev.jobdb.pg.PgSchemaInspector;
import dev.jobdb.pg.change.PgChangeRequest;
import dev.jobdb.pg.change.PgChangeResult;
import dev.jobdb.pg.change.PgChangeResult.Outcome;
import dev.jobdb.pg.change.PgChangeService;
import dev.jobdb.pg.change.PgRestoreService;
import dev.jobdb.pg.change.PgStatusService;
import dev.jobdb.pg.PgJobCounts;
import java.nio.file.Path;
import java.time.Duration;
import dev.jobdb.pg.change.StepLog;
import dev.jobdb.schema.DriftReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Consumer;

/**
 * The commands on PostgreSQL: the same results and views as on SQLite, with the server (never its
 * password) named where SQLite names the file.
 */
final class PgCommands {
  private PgCommands() {}

  /** The database line, then the enum line, as for SQLite. */
  static void announce(PrintWriter out, DatabaseUrl url, StatusEnum statusEnum,
      OutputOptions output) {
    if (!output.json()) {
      out.println("database: " + url.describe());
      out.flush();
    }
    output.announce(out, statusEnum);
  }

  static Map<String, Object> database(DatabaseUrl url) {
    return ErrorReport.database(url);
  }

  static int verifySchema(PrintWriter out, DatabaseUrl url, StatusEnum statusEnum,
      OutputOptions output) {
    announce(out, url, statusEnum, output);
    DriftReport report = new PgSchemaInspector().inspect(url, statusEnum);
    if (output.json()) {
      Map<String, Object> json = DriftReportJson.of(report);
      json.put("database", database(url));
      Json.print(out, json);
    } else {
      DriftReportText.print(out, report);
    }
    return (report.inSync() ? ExitCode.OK : ExitCode.DRIFT).code();
  }

  static int change(PrintWriter out, Consumer<String> progress, DatabaseUrl url,
      StatusEnum statusEnum, String command, PgChangeOptions options, ChangeOptions change,
      Map<String, String> remap, OutputOptions output,
      Function<List<String>, Optional<List<String>>> rollbackTarget) {
    if (change.dryRun) {
      throw new dev.jobdb.JobdbException(ExitCode.USAGE, "--dry-run is not available on"
          + " PostgreSQL yet: run verify-schema to see the drift");
    }
    announce(out, url, statusEnum, output);
    for (Map.Entry<String, String> e : remap.entrySet()) {
      if (!statusEnum.contains(e.getValue())) {
        throw new dev.jobdb.JobdbException(ExitCode.USAGE, "--remap " + e.getKey() + "="
            + e.getValue() + ": '" + e.getValue() + "' is not a " + statusEnum.className()
            + " value; use one of " + String.join(", ", statusEnum.values()));
      }
    }
    PgChangeRequest request = new PgChangeRequest(url, options.lockPolicy(),
        statusEnum.values(), remap,
        options.rewriteEnum, !change.noBackup, change.backupDir, progress, rollbackTarget);
    PgChangeService service = new PgChangeService();
    PgChangeResult result = command.equals("rollback") ? service.rollback(request)
        : service.migrateUp(request);
    if (output.json()) {
      Json.print(out, result);
      return 0;
    }
    if (result.outcome() == Outcome.NOTHING_TO_DO) {
      out.println("nothing to do: job_queue.status already accepts " + (result.accepts()
          .isEmpty() ? "every value (no constraint on it)" : String.join(", ", result.accepts()))
          + "; nothing was changed");
      out.flush();
      return 0;
    }
    if (result.backup() != null) {
      out.println("backup:   " + result.backup().path() + " (verified, " + result.backup().jobs()
          + " jobs)");
    }
    out.println("before:   " + PgJobCounts.describe(result.before()));
    for (String note : result.notes()) {
      out.println("  " + note);
    }
    for (StepLog step : result.steps()) {
      out.printf("  %-72s %6d ms%s%n", step.name(), step.millis(),
          step.attempts() > 1 ? " (" + step.attempts() + " attempts)" : "");
    }
    out.println("accepts:  " + String.join(", ", result.accepts()));
    out.println("after:    " + PgJobCounts.describe(result.after()));
    out.printf("done in %.2f s (writes blocked at most %d ms at a time; lock_timeout %d ms)%n",
        result.elapsedMillis() / 1000.0, result.longestStrongLockMillis(),
        result.lockTimeoutMillis());
    out.flush();
    return 0;
  }

  static int status(PrintWriter out, DatabaseUrl url, StatusEnum statusEnum,
      OutputOptions output) {
    announce(out, url, statusEnum, output);
    PgStatusService.Result result = new PgStatusService().status(url, statusEnum.values());
    if (output.json()) {
      Json.print(out, result);
      return 0;
    }
    out.println("migrate up:  " + (result.migrateUpPending()
        ? "pending: job_queue.status does not accept every status the app writes" : "nothing pending")
        + (result.interruptedRun() ? " (a killed run left its NOT VALID constraint: migrate up"
            + " finishes it)" : ""));
    out.println("constraint:  " + (result.constraint().equals("none")
        ? "none on job_queue.status: every value accepted"
        : result.constraint() + ": job_queue.status accepts "
            + String.join(", ", result.accepts())));
    out.println("jobs:        " + PgJobCounts.describe(result.jobs()));
    out.flush();
    return 0;
  }

  static int restore(PrintWriter out, DatabaseUrl url, StatusEnum statusEnum, Path from,
      Path backupDir, OutputOptions output) {
    announce(out, url, statusEnum, output);
    PgRestoreService.Result result = new PgRestoreService().restore(url, from, backupDir,
        Duration.ofSeconds(2));
    if (output.json()) {
      Json.print(out, result);
      return 0;
    }
    out.println("restored:  " + result.restoredFrom() + " (verified: counts per status as in"
        + " the snapshot)");
    out.println("before:    " + PgJobCounts.describe(result.before()));
    out.println("after:     " + PgJobCounts.describe(result.after()));
    out.println("undo with: jobdb restore --db-url URL --from " + result.safetySnapshot().path());
    out.printf("done in %.2f s%n", result.elapsedMillis() / 1000.0);
    out.flush();
    return 0;
  }
}
