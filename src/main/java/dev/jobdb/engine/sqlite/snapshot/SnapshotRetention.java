package dev.jobdb.engine.sqlite.snapshot;

import dev.jobdb.engine.SnapshotInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the newest N snapshots of one database, as backup tools do, so months of runs do not fill
 * the disk. The snapshot a run has just taken is never removed, whatever N and the clocks say.
 */
public final class SnapshotRetention {
  private SnapshotRetention() {}

  /**
   * Removes every snapshot of {@code db} in {@code dir} ({@code null}: beside it) past the newest
   * {@code keep}, never {@code justTaken}.
   *
   * @return the snapshots removed, oldest last
   */
  public static List<SnapshotInfo> prune(Path db, Path dir, int keep, Path justTaken) {
    List<SnapshotInfo> removed = new ArrayList<>();
    for (SnapshotInfo old : overflow(new Snapshots().list(db, dir), keep, justTaken)) {
      try {
        Files.deleteIfExists(old.path());
        removed.add(old);
      } catch (IOException e) {
        // kept: the next run tries again; the free-space check says if the disk is short
      }
    }
    return List.copyOf(removed);
  }

  /** Which of {@code newestFirst} fall outside the newest {@code keep} (never {@code justTaken}). */
  static List<SnapshotInfo> overflow(List<SnapshotInfo> newestFirst, int keep, Path justTaken) {
    Path taken = justTaken == null ? null : justTaken.toAbsolutePath().normalize();
    List<SnapshotInfo> kept = new ArrayList<>();
    List<SnapshotInfo> over = new ArrayList<>();
    if (taken != null) {
      newestFirst.stream().filter(s -> s.path().toAbsolutePath().normalize().equals(taken))
          .forEach(kept::add);
    }
    for (SnapshotInfo s : newestFirst) {
      if (kept.contains(s)) {
        continue;
      }
      if (kept.size() < keep) {
        kept.add(s);
      } else {
        over.add(s);
      }
    }
    return over;
  }
}
