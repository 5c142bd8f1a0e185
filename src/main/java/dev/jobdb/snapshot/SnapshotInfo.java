package dev.jobdb.snapshot;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A snapshot file of a database.
 *
 * @param path where it is
 * @param createdAt when it was taken (from its name, UTC, millisecond precision)
 * @param jobs rows in its job_queue; {@code null} when it has no job_queue or cannot be read
 * @param bytes its size
 */
public record SnapshotInfo(Path path, Instant createdAt, Long jobs, long bytes) {}
