package dev.jobdb.run;

import dev.jobdb.engine.LockHold;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.db.JobCounts;
import dev.jobdb.engine.ChangeSession;
import dev.jobdb.engine.ChangeUnit;
import dev.jobdb.engine.Engine;
import dev.jobdb.engine.LiveSchema;
import dev.jobdb.engine.LockHold;
import dev.jobdb.run.ChangeResult.Outcome;
import dev.jobdb.run.ChangeResult.PlannedChangeset;
import dev.jobdb.engine.SnapshotInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;

/**
 * Applies or rolls back changesets the same way on every database: the engine's one-jobdb lock, a
 * verified snapshot first, then Liquibase in the engine's unit: on SQLite the whole run as one
 * transaction committed only if no job was lost, on a server each changeset committing on its own
 * while the app writes; rolled back whole for --dry-run.
 */
public final class ChangeService {

  /** migrate up: every changeset not yet recorded, in changelog order. */
  public ChangeResult migrateUp(ChangeRequest request) {
    return run(request, "migrate up", Outcome.APPLIED, (changelog, history) -> {
      Set<String> applied = new HashSet<>();
      history.forEach(a -> applied.add(a.key()));
      List<PlannedChangeset> pending = new ArrayList<>();
      for (ChangeSet cs : changelog.getChangeSets()) {
        if (!applied.contains(AppliedChangeset.key(cs))) {
          pending.add(new PlannedChangeset(cs.getId(), cs.getComments()));
        }
      }
      return pending;
    }, (runner, changelog, planned) -> runner.update(changelog));
  }

  /**
   * rollback: the newest {@code count} applied changesets, or those applied after {@code toId}.
   */
  public ChangeResult rollback(ChangeRequest request, int count, String toId) {
    return run(request, "rollback", Outcome.ROLLED_BACK, (changelog, history) -> {
      int n = toId == null ? count : countAfter(history, toId);
      List<PlannedChangeset> planned = new ArrayList<>();
      for (int i = history.size() - 1; i >= 0 && planned.size() < n; i--) {
        planned.add(new PlannedChangeset(history.get(i).id(), history.get(i).description()));
      }
      return planned;
    }, (runner, changelog, planned) -> runner.rollbackCount(changelog, planned.size()));
  }

  private static int countAfter(List<AppliedChangeset> history, String toId) {
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).id().equals(toId)) {
        return history.size() - 1 - i;
      }
    }
    throw new JobdbException(ExitCode.USAGE, "--to " + toId + ": no such applied changeset;"
        + " 'jobdb status' lists the applied ones");
  }

  private interface Planner {
    List<PlannedChangeset> plan(DatabaseChangeLog changelog, List<AppliedChangeset> history);
  }

  private interface Work {
    void apply(LiquibaseRunner runner, DatabaseChangeLog changelog,
        List<PlannedChangeset> planned);
  }

  private ChangeResult run(
      ChangeRequest request, String command, Outcome outcome, Planner planner, Work work) {
    Engine engine = request.engine();
    // Parsed before the lock and the database are touched: a missing or broken changelog folder
    // is a usage error that leaves nothing behind.
    DatabaseChangeLog changelog = LiquibaseRunner.changelog(request.changelog());
    try (ChangeSession session = engine.openForChange(command, request.create(),
        request.dryRun())) {
      try {
        return new Run(request, command, outcome, session).execute(changelog, planner, work);
      } catch (SQLException e) {
        session.discardCreated();
        throw session.failed(e); // a full disk, a lost server: said as the engine knows it
      } catch (RuntimeException e) {
        session.discardCreated();
        throw e;
      }
    } catch (SQLException e) {
      throw engine.unusable(e);
    }
  }

  /** One migrate up or rollback, from planning to the commit. */
  private static final class Run {
    private final long started = System.nanoTime();
    private final ChangeRequest request;
    private final String command;
    private final Outcome outcome;
    private final ChangeSession session;
    private final Connection connection;
    private final LiveSchema schema;
    private final RunContext context;

    Run(ChangeRequest request, String command, Outcome outcome, ChangeSession session) {
      this.request = request;
      this.command = command;
      this.outcome = outcome;
      this.session = session;
      this.connection = session.connection();
      this.schema = request.engine().schema(connection);
      this.context = RunContext.of(request);
    }

    ChangeResult execute(DatabaseChangeLog changelog, Planner planner, Work work)
        throws SQLException {
      List<PlannedChangeset> planned = planner.plan(changelog,
          ChangelogHistory.read(connection, schema));
      if (planned.isEmpty()) {
        // No job counts here: counting a million jobs would double the cost of a no-op run.
        return result(Outcome.NOTHING_TO_DO, planned, List.of(), null, null, null, List.of(),
            List.of());
      }
      requireFreeSpace(changelog, planned);
      Supplier<SnapshotInfo> snapshot = null;
      if (request.backup() && !request.dryRun() && !session.creates()) {
        snapshot = session.startSnapshot(request.backupDir(), request.progress());
      }
      // while the snapshot is copied: the copy is mostly the disk's work, the rehearsal the CPU's
      RunContext quiet = context.silenced();
      session.rehearse(c -> work.apply(new LiquibaseRunner(c, false, quiet.asScope(),
          request.changelog()), LiquibaseRunner.changelog(request.changelog()), planned));
      SnapshotInfo backup = snapshot == null ? null : snapshot.get();
      try {
        ChangeResult result = inUnit(work, changelog, planned, backup);
        if (backup != null) {
          String removed = session.pruneSnapshots(backup, request.backupDir(),
              request.keepSnapshots());
          if (!removed.isEmpty()) {
            return result.withNote(removed);
          }
        }
        return result;
      } catch (RuntimeException | SQLException e) {
        // Nothing was changed, so the snapshot would only be a stray copy beside the database.
        if (backup != null && !(e instanceof KeptChanges)) {
          deleteQuietly(backup);
        }
        throw e;
      }
    }

    /** The need of the method the run will use (see the engine), before anything is written. */
    private void requireFreeSpace(DatabaseChangeLog changelog, List<PlannedChangeset> planned)
        throws SQLException {
      Set<String> ids = new HashSet<>();
      planned.forEach(p -> ids.add(p.id()));
      List<ChangeSet> toApply = outcome != Outcome.APPLIED ? List.of()
          : changelog.getChangeSets().stream().filter(cs -> ids.contains(cs.getId())).toList();
      session.requireFreeSpace(toApply, !request.backup() || request.dryRun() ? null
          : request.backupDir(), request.rebuild());
    }

    /**
     * Jobs per status are counted just before the unit begins and just after it ends, so the
     * app's workers do not wait for them. A rebuild (the only change that rewrites rows) compares
     * its own counts inside its transaction.
     */
    private ChangeResult inUnit(Work work, DatabaseChangeLog changelog,
        List<PlannedChangeset> planned, SnapshotInfo backup) throws SQLException {
      JobCounts before = schema.counts();
      List<AppliedChangeset> historyAtStart = ChangelogHistory.read(connection, schema);
      // Committed on its own before the run's units: inside one, Liquibase's own rollback before
      // it reads its lock row would undo the clearing, and it would wait for a dead run.
      if (!request.dryRun()) {
        LiquibaseLockOwner.clearAbandoned(connection, schema, session.lockCoversEveryHost())
            .ifPresent(context::note);
      }
      HeapBeforeTheLock.settle();
      try (ChangeUnit unit = session.begin(request.dryRun())) {
        LiveSchema inUnit = request.engine().schema(unit.connection());
        if (request.dryRun()) {
          LiquibaseLockOwner.clearAbandoned(unit.connection(), inUnit,
              session.lockCoversEveryHost()).ifPresent(context::note);
        }
        try {
          work.apply(new LiquibaseRunner(unit.connection(), request.verbose(), context.asScope(),
                  request.changelog()),
              changelog, planned);
        } catch (RuntimeException e) {
          throw keptOrNot(unit, e, backup, historyAtStart);
        }
        List<AppliedChangeset> historyAfter = ChangelogHistory.read(unit.connection(), inUnit);
        List<AppliedChangeset> done = outcome == Outcome.APPLIED
            ? added(historyAtStart, historyAfter)
            : reversed(added(historyAfter, historyAtStart));
        if (request.dryRun()) {
          JobCounts after = inUnit.counts();
          List<String> sql = unit.writes();
          unit.rollback();
          return result(Outcome.DRY_RUN, planned, done, null, before, after, sql, holds(unit));
        }
        try {
          unit.commit();
        } catch (SQLException e) {
          if (unit.committedBeforeTheEnd().isEmpty()) {
            throw session.failed(e);
          }
          // the last stretch is rolled back, but the changesets committed before it stay
          try {
            unit.rollback();
            LiquibaseLockOwner.releaseOwn(connection);
          } catch (SQLException unreleased) {
            // the database ended the transaction itself; the next run clears jobdb's lock row,
            // whose holder (this process) will have ended by then
          }
          throw kept(unit.committedBeforeTheEnd(), new JobdbException(
              ExitCode.FAILED_ROLLED_BACK, "the last commit failed (" + e.getMessage() + ")", e),
              backup);
        }
        JobCounts after = schema.counts();
        return result(outcome, planned, done, backup, before, after, List.of(), holds(unit));
      }
    }

    /** The unit's own holds (SQLite's write lock) and the steps a change committed itself. */
    private List<LockHold> holds(ChangeUnit unit) {
      List<LockHold> all = new ArrayList<>(unit.holds());
      all.addAll(context.holds());
      return List.copyOf(all);
    }

    /**
     * A failure in Liquibase's work. Where changesets were committed on their own before it (an
     * index on SQLite, every changeset elsewhere), they stay applied and recorded: say which and
     * keep the snapshot (exit 7). Otherwise the failure as it is: nothing was changed.
     */
    private RuntimeException keptOrNot(ChangeUnit unit, RuntimeException e, SnapshotInfo backup,
        List<AppliedChangeset> historyAtStart) {
      List<String> kept = new ArrayList<>(unit.committedBeforeTheEnd());
      try {
        unit.rollback();
        if (!kept.isEmpty()) {
          LiquibaseLockOwner.releaseOwn(connection);
        }
        if (!session.allOrNothing() && !request.dryRun()) {
          List<AppliedChangeset> now = ChangelogHistory.read(connection, schema);
          List<AppliedChangeset> changed = outcome == Outcome.APPLIED
              ? added(historyAtStart, now) : added(now, historyAtStart);
          // adopted ones changed nothing in job_queue: only what ran counts as kept
          changed.stream().filter(a -> a.how().equals("ran")).forEach(a -> kept.add(a.id()));
        }
      } catch (SQLException unreadable) {
        // the failure itself is what the user must hear
      }
      if (kept.isEmpty()) {
        if (e instanceof JobdbException j && j.exitCode() == ExitCode.PARTLY_APPLIED
            && backup != null) {
          return new KeptChanges(j.getMessage().replaceAll("\\.?\\s*$", "") + "; "
              + backup.path() + " holds job_queue as it was before this run", e);
        }
        return e;
      }
      return kept(kept, e, backup);
    }

    /**
     * A failure after changesets were committed on their own: they stay applied and recorded, so
     * the database is not as before. Say which, and keep the snapshot.
     */
    private RuntimeException kept(List<String> kept, RuntimeException e, SnapshotInfo backup) {
      return new KeptChanges(e.getMessage().replaceAll("\\.?\\s*$", "") + ". "
          + (outcome == Outcome.APPLIED ? "Applied and recorded" : "Rolled back")
          + " before the failure, each in its own transaction: " + String.join(", ", kept)
          + (backup == null ? "" : "; " + backup.path() + " holds the database as it"
              + " was before this run") + "; run again to finish", e);
    }

    private ChangeResult result(Outcome reached, List<PlannedChangeset> planned,
        List<AppliedChangeset> done, SnapshotInfo backup, JobCounts before, JobCounts after,
        List<String> sql, List<LockHold> holds) {
      boolean created = session.creates() && reached != Outcome.DRY_RUN
          && reached != Outcome.NOTHING_TO_DO;
      long longest = holds.stream().mapToLong(LockHold::millis).max().orElse(0);
      return new ChangeResult(command, request.engine().target(), reached, created, planned,
          done, backup, before, after, List.copyOf(context.notes()),
          List.copyOf(context.constraintChanges()), sql, longest, holds,
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  private static void deleteQuietly(SnapshotInfo backup) {
    try {
      Files.deleteIfExists(backup.path());
    } catch (IOException ignored) {
      // best effort: a copy of a database that did not change
    }
  }

  /** The rows of {@code after} that {@code before} does not have, in order. */
  private static List<AppliedChangeset> added(
      List<AppliedChangeset> before, List<AppliedChangeset> after) {
    Set<String> known = new HashSet<>();
    before.forEach(a -> known.add(a.key()));
    return after.stream().filter(a -> !known.contains(a.key())).toList();
  }

  private static List<AppliedChangeset> reversed(List<AppliedChangeset> list) {
    List<AppliedChangeset> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }

  /** A failure after some changesets were committed on their own (exit 7, snapshot kept). */
  static final class KeptChanges extends JobdbException {
    KeptChanges(String message, Throwable cause) {
      super(ExitCode.PARTLY_APPLIED, message, cause);
    }
  }
}
