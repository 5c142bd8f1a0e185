package dev.jobdb.cli.view;

import dev.jobdb.schema.DriftReport;
import dev.jobdb.schema.JobQueueSchema;
import dev.jobdb.schema.parse.StatusCheck;
import dev.jobdb.schema.StatusConstraint;
import dev.jobdb.schema.StatusCount;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The text view of a {@link DriftReport}: the verdict line, then an aligned report. */
public final class DriftReportText {
  private static final String DRIFT = "DRIFT";
  private static final String WARNING = "warning";
  private static final String OK = "ok";

  private DriftReportText() {}

  public static void print(PrintWriter out, DriftReport report) {
    out.println(report.summary());
    out.println();
    out.printf(
        "  %-29s %s: %d columns, %d jobs%n",
        "table", report.table(), report.columnCount(), report.totalJobs());
    List<String> checks = describeChecks(report.constraint());
    for (int i = 0; i < checks.size(); i++) {
      out.printf("  %-29s %s%n", i == 0 ? "status CHECK" : "", checks.get(i));
    }
    out.println();
    for (Row row : rows(report)) {
      out.printf("  %-8s %-20s %s%n", row.mark(), row.label(), row.value());
    }
    out.println();
    printCounts(out, report);
    out.flush();
  }

  private record Row(String mark, String label, String value) {}

  private static List<Row> rows(DriftReport report) {
    String enumName = report.statusEnum().className();
    List<Row> rows = new ArrayList<>();
    rows.add(
        report.rejectedStatuses().isEmpty()
            ? new Row(OK, "rejected statuses", "none: every " + enumName + " value is accepted")
            : new Row(DRIFT, "rejected statuses", String.join(", ", report.rejectedStatuses())));
    if (!report.unverifiableStatuses().isEmpty()) {
      rows.add(
          new Row(
              DRIFT,
              "unverifiable",
              String.join(", ", report.unverifiableStatuses())
                  + " (a CHECK also reads other columns)"));
    }
    rows.add(
        report.unknownStatusRows().isEmpty()
            ? new Row(OK, "unknown statuses", "none: every row's status is in " + enumName)
            : new Row(
                DRIFT,
                "unknown statuses",
                report.unknownStatusRows().stream()
                    .map(c -> DriftReport.display(c.status()) + " (" + c.count() + " rows)")
                    .collect(Collectors.joining(", "))));
    int required = JobQueueSchema.REQUIRED_COLUMNS.size();
    rows.add(
        report.missingColumns().isEmpty()
            ? new Row(OK, "columns", "all " + required + " the app needs are present")
            : new Row(
                DRIFT,
                "columns",
                report.missingColumns().size()
                    + " of "
                    + required
                    + " missing: "
                    + String.join(", ", report.missingColumns())));
    if (report.constraint().state() == StatusConstraint.State.NONE) {
      rows.add(new Row(WARNING, "status CHECK", "no constraint: every value allowed"));
    }
    rows.add(
        report.extraAllowedStatuses().isEmpty()
            ? new Row(OK, "extra statuses", "none allowed beyond " + enumName)
            : new Row(
                WARNING,
                "extra statuses",
                String.join(", ", report.extraAllowedStatuses())
                    + " (allowed, but " + enumName + " lacks them)"));
    int expected = JobQueueSchema.EXPECTED_INDEXES.size();
    rows.add(
        report.missingIndexes().isEmpty()
            ? new Row(OK, "indexes", "all " + expected + " present")
            : new Row(
                WARNING,
                "indexes",
                report.missingIndexes().size()
                    + " of "
                    + expected
                    + " missing: "
                    + String.join(", ", report.missingIndexes())
                    + " (jobdb migrate up recreates them as the app defined them)"));
    return rows;
  }

  private static List<String> describeChecks(StatusConstraint constraint) {
    if (constraint.checks().isEmpty()) {
      return List.of("none: every value allowed");
    }
    List<String> lines = new ArrayList<>();
    for (StatusCheck check : constraint.checks()) {
      String level = check.columnLevel() ? "column-level on " + check.declaredOn() : "table-level";
      String name = check.constraintName() == null ? "unnamed" : "named " + check.constraintName();
      String how =
          check.isInList()
              ? ""
              : constraint.state() == StatusConstraint.State.UNREADABLE
                  ? " (not an IN list; reads other columns too)"
                  : " (not an IN list; evaluated in SQLite)";
      lines.add(level + ", " + name + ": CHECK (" + oneLine(check.expression()) + ")" + how);
    }
    return lines;
  }

  private static void printCounts(PrintWriter out, DriftReport report) {
    out.println("  jobs by status");
    int width =
        report.jobCountsByStatus().stream()
            .mapToInt(c -> DriftReport.display(c.status()).length())
            .max()
            .orElse(5);
    String format = "    %-" + Math.max(width, 5) + "s %8d%s%n";
    for (StatusCount c : report.jobCountsByStatus()) {
      String note = "";
      if (report.rejectedStatuses().contains(c.status())) {
        note = "  rejected by the database";
      } else if (report.unknownStatusRows().contains(c)) {
        note = "  not in " + report.statusEnum().className();
      }
      out.printf(format, DriftReport.display(c.status()), c.count(), note);
    }
    out.printf(format, "total", report.totalJobs(), "");
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ");
  }
}
