package dev.jobdb.run;

import dev.jobdb.engine.LockHold;

import dev.jobdb.engine.ConstraintChange;
import dev.jobdb.db.JobCounts;
import dev.jobdb.engine.SnapshotInfo;

import dev.jobdb.config.DatabaseTarget;
import java.util.List;
import java.util.Locale;

/**
 * What a {@code migrate up} or {@code rollback} did; feeds both the text and the JSON view.
 *
 * @param planned the changesets this run set out to apply or roll back, in that order
 * @param done the changesets it applied (with how: ran or adopted) or rolled back
 * @param backup the snapshot taken before changing anything, or null (none needed, --no-backup,
 *     --dry-run, or a database created by this run)
 * @param before jobs before the change; null when there was nothing to do
 * @param after jobs after it; null when there was nothing to do
 * @param constraintChanges each change of the status constraint and which way it went (in place
 *     or rebuilt), in the order they ran
 * @param sql for --dry-run: the statements the run executed before it was rolled back
 * @param writeLockMillis the longest stretch the database's write lock was held at a time
 * @param lockHolds each stretch the write lock was held (Liquibase's bookkeeping, each index
 *     created, then the rest)
 */
public record ChangeResult(
    String command,
    DatabaseTarget database,
    Outcome outcome,
    boolean created,
    List<PlannedChangeset> planned,
    List<AppliedChangeset> done,
    SnapshotInfo backup,
    JobCounts before,
    JobCounts after,
    List<String> notes,
    List<ConstraintChange> constraintChanges,
    List<String> sql,
    long writeLockMillis,
    List<LockHold> lockHolds,
    long elapsedMillis) {

  public enum Outcome {
    APPLIED,
    ROLLED_BACK,
    NOTHING_TO_DO,
    DRY_RUN
  }

  /** This result with one more note (e.g. what snapshot retention removed after the commit). */
  public ChangeResult withNote(String note) {
    List<String> more = new java.util.ArrayList<>(notes);
    more.add(note);
    return new ChangeResult(command, database, outcome, created, planned, done, backup, before,
        after, List.copyOf(more), constraintChanges, sql, writeLockMillis, lockHolds,
        elapsedMillis);
  }

  /** A changeset of the changelog, as planned. */
  public record PlannedChangeset(String id, String description) {}

  /** How {@code changeSet} changed the status constraint: "in place" or "rebuilt", in order. */
  public List<String> constraintMethods(String changeSet) {
    return constraintChanges.stream()
        .filter(c -> c.changeSet().equals(changeSet))
        .map(c -> c.method().name().toLowerCase(Locale.ROOT).replace('_', ' '))
        .toList();
  }
}
