package dev.jobdb.run;

import dev.jobdb.db.JobCounts;
import dev.jobdb.engine.SnapshotInfo;

import dev.jobdb.config.DatabaseTarget;
import java.util.List;

/**
 * What {@code jobdb status} reports; feeds both the text and the JSON view.
 *
 * @param changesets every changeset of the changelog plus any applied one it no longer has, in order
 * @param liveStatuses the statuses the live CHECK on job_queue.status accepts; null when there is no
 *     such CHECK (every value accepted) or no job_queue
 * @param snapshots this database's snapshots, newest first
 * @param snapshotBytes the space they take, in bytes
 */
public record StatusResult(
    DatabaseTarget database,
    boolean jobQueuePresent,
    List<ChangesetState> changesets,
    List<String> liveStatuses,
    JobCounts jobs,
    List<SnapshotInfo> snapshots,
    long snapshotBytes) {

  /**
   * @param state {@code applied} or {@code pending}
   * @param how for applied ones: {@code ran} or {@code adopted}
   */
  public record ChangesetState(
      String id, String description, String state, String appliedAt, String how) {}

  public SnapshotInfo newestSnapshot() {
    return snapshots.isEmpty() ? null : snapshots.get(0);
  }

  public long pendingCount() {
    return changesets.stream().filter(c -> c.state().equals("pending")).count();
  }
}
