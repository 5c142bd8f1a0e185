package dev.jobdb.pg.change;

import dev.jobdb.pg.snapshot.PgSnapshotInfo;
import java.util.List;
import java.util.Map;

/**
 * What a migrate up or rollback did on PostgreSQL; feeds both the text and the JSON view.
 *
 * @param database the server and database, without password
 * @param origin where the URL came from
 * @param accepts the statuses job_queue.status accepts afterwards, read back from the catalogs
 * @param backup the snapshot taken first, or null (nothing to do, or --no-backup)
 * @param before jobs by status before the change (null when there was nothing to do)
 * @param after jobs by status afterwards (the app may have written in between)
 * @param steps each transaction the change ran, with its timing
 * @param longestStrongLockMillis the longest step that took a lock blocking the app's writes,
 *     lock waits included: an upper bound on how long a worker waited behind jobdb
 */
public record PgChangeResult(
    String command,
    String database,
    String origin,
    Outcome outcome,
    List<String> accepts,
    PgSnapshotInfo backup,
    Map<String, Long> before,
    Map<String, Long> after,
    List<StepLog> steps,
    List<String> notes,
    long lockTimeoutMillis,
    long longestStrongLockMillis,
    long elapsedMillis) {
  public enum Outcome {
    APPLIED,
    ROLLED_BACK,
    NOTHING_TO_DO
  }
}
