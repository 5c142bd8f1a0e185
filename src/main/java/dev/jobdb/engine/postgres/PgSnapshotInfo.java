package dev.jobdb.engine.postgres;

import java.nio.file.Path;
import java.util.List;

/**
 * A snapshot file, verified: where it is and how many jobs it holds.
 *
 * @param removed older snapshots of the same database that retention removed after it was taken
 */
public record PgSnapshotInfo(Path path, long jobs, List<Path> removed) {
  public PgSnapshotInfo {
    removed = List.copyOf(removed);
  }
}
