package dev.jobdb.schema;

import java.util.List;

/** What the app's code needs of job_queue: its columns (migrations 001 and 002) and indexes. */
public final class JobQueueSchema {
  public static final String TABLE = "job_queue";
  public static final String STATUS_COLUMN = "status";

  /** The 15 columns of migration 001, then the 5 that migration 002 added. */
  public static final List<String> REQUIRED_COLUMNS =
      List.of(
          "id",
          "job_type",
          "job_data",
          "status",
          "priority",
          "created_at",
          "started_at",
          "completed_at",
          "log_file_path",
          "error_message",
          "retry_count",
          "max_retries",
          "worker_id",
          "timeout_seconds",
          "parent_job_id",
          "failure_type",
          "next_retry_at",
          "last_error_traceback",
          "dead_letter_reason",
          "moved_to_dead_letter_at");

  /** The 5 indexes of migration 001, then the 3 of migration 002. */
  public static final List<String> EXPECTED_INDEXES =
      List.of(
          "idx_job_queue_status",
          "idx_job_queue_type",
          "idx_job_queue_priority",
          "idx_job_queue_created_at",
          "idx_job_queue_status_priority",
          "idx_job_queue_next_retry",
          "idx_job_queue_failure_type",
          "idx_job_queue_dead_letter");

  private JobQueueSchema() {}
}
