package dev.jobdb.schema;

/** One way job_queue differs from what the app needs, and how much it matters. */
public record Finding(Severity severity, Kind kind, String message) {
  public enum Severity {
    /** Breaks the app: a write or a read of its data fails. Exit code 1. */
    DRIFT,
    /** Worth fixing but the app works. Exit code 0. */
    WARNING
  }

  public enum Kind {
    REJECTED_STATUSES,
    UNVERIFIABLE_STATUSES,
    UNKNOWN_STATUS_ROWS,
    MISSING_COLUMNS,
    EXTRA_ALLOWED_STATUSES,
    NO_STATUS_CONSTRAINT,
    MISSING_INDEXES
  }
}
