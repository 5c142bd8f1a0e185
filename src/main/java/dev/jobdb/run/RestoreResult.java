package dev.jobdb.run;

import dev.jobdb.db.JobCounts;
import dev.jobdb.snapshot.SnapshotInfo;
import dev.jobdb.snapshot.Snapshots;

import dev.jobdb.config.DatabaseLocation;

/**
 * What {@code jobdb restore} did.
 *
 * @param restoredFrom the snapshot put back
 * @param verifiedBy how it was checked before anything was written
 * @param safetySnapshot the snapshot of the state just before the restore (so a restore can be undone)
 * @param before jobs before the restore
 * @param after jobs after it: equal to the snapshot's
 * @param notes what else the run did, e.g. which older snapshots retention removed
 */
public record RestoreResult(
    DatabaseLocation database,
    SnapshotInfo restoredFrom,
    Snapshots.Verification verifiedBy,
    SnapshotInfo safetySnapshot,
    JobCounts before,
    JobCounts after,
    long elapsedMillis,
    java.util.List<String> notes) {}
