package dev.jobdb.pg.snapshot;

import java.nio.file.Path;

/** A snapshot file, verified: where it is and how many jobs it holds. */
public record PgSnapshotInfo(Path path, long jobs) {}
