package dev.jobdb.migrate;

import java.nio.file.Path;
import java.time.Instant;

/** TEMPORARY stand-in. */
public record SnapshotInfo(Path path, Instant createdAt, long jobs, long bytes) {}
