package dev.jobdb.engine;

import dev.jobdb.config.DatabaseTarget;
import dev.jobdb.db.JobCounts;
import dev.jobdb.engine.SnapshotInfo;
import java.util.List;

/**
 * What {@code jobdb restore} did.
 *
 * @param restoredFrom the snapshot put back
 * @param verifiedBy how it was checked before anything was written: {@code checksum},
 *     {@code integrity_check}, or {@code header} (its recorded counts, checked again after)
 * @param safetySnapshot the snapshot of the state just before the restore (to undo the restore)
 * @param before jobs before the restore
 * @param after jobs after it: equal to the snapshot's
 * @param notes what else the run did, e.g. which older snapshots retention removed
 */
public record RestoreResult(
    DatabaseTarget database,
    SnapshotInfo restoredFrom,
    String verifiedBy,
    SnapshotInfo safetySnapshot,
    JobCounts before,
    JobCounts after,
    long elapsedMillis,
    List<String> notes) {
  public RestoreResult {
    notes = List.copyOf(notes);
  }
}
