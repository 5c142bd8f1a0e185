package dev.jobdb.schema;

import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.config.StatusEnum;
import dev.jobdb.schema.Finding.Kind;
import dev.jobdb.schema.Finding.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How job_queue in one database compares with what the app's code needs. Only facts are stored;
 * {@link #findings()} and the verdict are derived from them, so every view says the same.
 *
 * @param database the file inspected, and why that one; null for a server database (the caller names it)
 * @param statusEnum the enum the statuses were judged against, and why that one
 * @param table the table's name as stored
 * @param tableSql its CREATE TABLE text as stored
 * @param columnCount how many columns it has
 * @param constraint the CHECK constraints on status
 * @param rejectedStatuses enum values the database rejects, in enum order
 * @param unverifiableStatuses enum values jobdb could not test against a CHECK
 * @param extraAllowedStatuses values the CHECKs allow that the enum lacks
 * @param unknownStatusRows stored statuses the enum lacks, with their row counts
 * @param missingColumns required columns (see {@link JobQueueSchema}) the table lacks
 * @param missingIndexes expected indexes the table lacks
 * @param jobCountsByStatus every enum value in enum order (zero included), then the others
 * @param totalJobs rows in the table
 */
public record DriftReport(
    DatabaseLocation database,
    StatusEnum statusEnum,
    String table,
    String tableSql,
    int columnCount,
    StatusConstraint constraint,
    List<String> rejectedStatuses,
    List<String> unverifiableStatuses,
    List<String> extraAllowedStatuses,
    List<StatusCount> unknownStatusRows,
    List<String> missingColumns,
    List<String> missingIndexes,
    List<StatusCount> jobCountsByStatus,
    long totalJobs) {
  public DriftReport {
    rejectedStatuses = List.copyOf(rejectedStatuses);
    unverifiableStatuses = List.copyOf(unverifiableStatuses);
    extraAllowedStatuses = List.copyOf(extraAllowedStatuses);
    unknownStatusRows = List.copyOf(unknownStatusRows);
    missingColumns = List.copyOf(missingColumns);
    missingIndexes = List.copyOf(missingIndexes);
    jobCountsByStatus = List.copyOf(jobCountsByStatus);
  }

  /** Drift first, then warnings. */
  public List<Finding> findings() {
    List<Finding> findings = new ArrayList<>();
    if (!rejectedStatuses.isEmpty()) {
      findings.add(
          new Finding(
              Severity.DRIFT,
              Kind.REJECTED_STATUSES,
              "the database rejects "
                  + count(rejectedStatuses.size(), "status")
                  + " the app writes: "
                  + String.join(", ", rejectedStatuses)));
    }
    if (!unverifiableStatuses.isEmpty()) {
      findings.add(
          new Finding(
              Severity.DRIFT,
              Kind.UNVERIFIABLE_STATUSES,
              "jobdb cannot tell whether the database accepts "
                  + String.join(", ", unverifiableStatuses)
                  + ": a CHECK on status also depends on other columns"));
    }
    if (!unknownStatusRows.isEmpty()) {
      long rows = unknownStatusRows.stream().mapToLong(StatusCount::count).sum();
      findings.add(
          new Finding(
              Severity.DRIFT,
              Kind.UNKNOWN_STATUS_ROWS,
              count(rows, "row")
                  + " with a status "
                  + statusEnum.className()
                  + " lacks: "
                  + unknownStatusRows.stream()
                      .map(c -> display(c.status()) + " (" + c.count() + ")")
                      .collect(Collectors.joining(", "))));
    }
    if (!missingColumns.isEmpty()) {
      findings.add(
          new Finding(
              Severity.DRIFT,
              Kind.MISSING_COLUMNS,
              count(missingColumns.size(), "column")
                  + " the app needs "
                  + (missingColumns.size() == 1 ? "is" : "are")
                  + " missing: "
                  + String.join(", ", missingColumns)));
    }
    if (!extraAllowedStatuses.isEmpty()) {
      findings.add(
          new Finding(
              Severity.WARNING,
              Kind.EXTRA_ALLOWED_STATUSES,
              "the database allows "
                  + count(extraAllowedStatuses.size(), "status")
                  + " "
                  + statusEnum.className()
                  + " lacks: "
                  + String.join(", ", extraAllowedStatuses)));
    }
    if (constraint.state() == StatusConstraint.State.NONE) {
      findings.add(
          new Finding(
              Severity.WARNING,
              Kind.NO_STATUS_CONSTRAINT,
              "no constraint: every value allowed (no CHECK on status, so typos get stored too)"));
    }
    if (!missingIndexes.isEmpty()) {
      findings.add(
          new Finding(
              Severity.WARNING,
              Kind.MISSING_INDEXES,
              count(missingIndexes.size(), "index")
                  + " of "
                  + JobQueueSchema.EXPECTED_INDEXES.size()
                  + " missing: "
                  + String.join(", ", missingIndexes)
                    + " (jobdb migrate up recreates them as the app defined them)"));
    }
    return findings;
  }

  /** True when nothing breaks the app; warnings are allowed. */
  public boolean inSync() {
    return findings().stream().noneMatch(f -> f.severity() == Severity.DRIFT);
  }

  /** The one-line verdict: what breaks the app, or that nothing does. */
  public String summary() {
    List<Finding> findings = findings();
    List<String> drift =
        findings.stream()
            .filter(f -> f.severity() == Severity.DRIFT)
            .map(Finding::message)
            .toList();
    if (!drift.isEmpty()) {
      return "DRIFT: " + String.join("; ", drift);
    }
    String fine =
        table
            + " accepts all "
            + statusEnum.values().size()
            + " "
            + statusEnum.className()
            + " values and has all "
            + JobQueueSchema.REQUIRED_COLUMNS.size()
            + " columns the app needs";
    return findings.isEmpty()
        ? "IN SYNC: " + fine
        : "IN SYNC with " + count(findings.size(), "warning") + ": " + fine;
  }

  /** How a stored status is shown: NULL for a NULL. */
  public static String display(String status) {
    return status == null ? "NULL" : status;
  }

  private static String count(long n, String noun) {
    String plural = noun.endsWith("s") ? noun + "es" : noun.endsWith("x") ? "indexes" : noun + "s";
    return n + " " + (n == 1 ? noun : plural);
  }
}
