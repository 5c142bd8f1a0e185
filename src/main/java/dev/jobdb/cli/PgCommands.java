package dev.jobdb.cli;

import dev.jobdb.ExitCode;
import dev.jobdb.config.DatabaseUrl;
import dev.jobdb.pg.PgSchemaInspector;
import dev.jobdb.schema.DriftReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The commands on PostgreSQL: the same results and views as on SQLite, with the server (never its
 * password) named where SQLite names the file.
 */
final class PgCommands {
  private PgCommands() {}

  static void announce(PrintWriter out, DatabaseUrl url, OutputOptions output) {
    if (!output.json()) {
      out.println("database: " + url.describe());
      out.flush();
    }
  }

  static Map<String, Object> database(DatabaseUrl url) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("url", url.display());
    json.put("origin", url.origin());
    return json;
  }

  static int verifySchema(PrintWriter out, DatabaseUrl url, OutputOptions output) {
    announce(out, url, output);
    DriftReport report = new PgSchemaInspector().inspect(url);
    if (output.json()) {
      Map<String, Object> json = DriftReportJson.of(report);
      json.put("database", database(url));
      Json.print(out, json);
    } else {
      DriftReportText.print(out, report);
    }
    return (report.inSync() ? ExitCode.OK : ExitCode.DRIFT).code();
  }
}
