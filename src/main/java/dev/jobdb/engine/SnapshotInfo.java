package dev.jobdb.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot file of a database.
 *
 * @param path where it is
 * @param createdAt when it was taken (from its name, UTC, millisecond precision)
 * @param jobs rows in its job_queue; {@code null} when it has no job_queue or cannot be read
 * @param bytes its size
 */
public record SnapshotInfo(Path path, Instant createdAt, Long jobs, long bytes) {

  /** One line for stderr saying which snapshots retention removed, or empty when none. */
  public static String describeRemoved(List<SnapshotInfo> removed, int keep) {
    if (removed.isEmpty()) {
      return "";
    }
    List<String> names = removed.stream().map(s -> s.path().getFileName().toString()).toList();
    return "snapshots: kept the newest " + keep + ", removed " + removed.size() + " older ("
        + mib(bytes(removed)) + " MiB): " + String.join(", ", names);
  }

  /** The space the snapshots take, in bytes. */
  public static long bytes(List<SnapshotInfo> snapshots) {
    return snapshots.stream().mapToLong(SnapshotInfo::bytes).sum();
  }

  /** Whole MiB, rounded up: a snapshot of a few bytes shows as 1 MiB, not 0. */
  public static long mib(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }
}
