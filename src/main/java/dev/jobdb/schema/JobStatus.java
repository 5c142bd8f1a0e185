package dev.jobdb.schema;

import java.util.Arrays;
import java.util.List;

/** The application's JobStatus enum, in its order: the single source of truth for jobdb. */
public enum JobStatus {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  TIMEOUT,
  RETRYING,
  DEAD_LETTER,
  ZOMBIE;

  /** The value the application stores in {@code job_queue.status}. */
  public String value() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static List<String> allValues() {
    return Arrays.stream(values()).map(JobStatus::value).toList();
  }
}
