package dev.jobdb.run;

import dev.jobdb.db.JobCounts;
import dev.jobdb.snapshot.PendingSnapshot;
import dev.jobdb.snapshot.Snapshots;
import dev.jobdb.snapshot.SnapshotInfo;
import dev.jobdb.snapshot.SnapshotRetention;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.db.Sqlite;
import dev.jobdb.run.ChangeResult.Outcome;
import dev.jobdb.run.ChangeResult.PlannedChangeset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import liquibase.changelog.ChangeSet;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import liquibase.changelog.DatabaseChangeLog;

/**
 * Applies or rolls back changesets with the same guarantees: one OS lock per database, a verified
 * snapshot first, then the whole run as one SQLite transaction that is committed only if no job was
 * lost (and rolled back for --dry-run).
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
    DatabaseLocation location = request.location();
    boolean missing = !Files.exists(location.path());
    if (missing && !request.create()) {
      throw new JobdbException(ExitCode.REFUSED, "refused: database not found: "
          + location.describe() + "; nothing was created. Check the path, --db or DB_PATH,"
          + " or pass --create to create a new database with the whole schema");
    }
    if (missing && !Files.isDirectory(location.path().getParent())) {
      throw new JobdbException(ExitCode.USAGE, "cannot create " + location.describe()
          + ": its folder does not exist; create the folder or fix the path");
    }
    if (!missing && !request.dryRun() && !Files.isWritable(location.path())) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "database is read-only: "
          + location.describe() + ": nothing was changed; make the file (or its mount) writable"
          + " for the user running jobdb, then run again");
    }
    // Parsed before the lock and the database are touched: a missing or broken changelog folder
    // is a usage error that leaves nothing behind.
    DatabaseChangeLog changelog = LiquibaseRunner.changelog(request.changelog());
    boolean createsFile = missing && !request.dryRun();
    try (RunLock lock = request.dryRun() ? null : RunLock.acquire(location.path(), command);
        Connection connection = open(request, missing)) {
      try {
        return new Run(request, command, outcome, connection, missing)
            .execute(changelog, planner, work);
      } catch (RuntimeException | SQLException | IOException e) {
        if (createsFile) {
          connection.close();
          deleteCreated(location.path());
        }
        throw e;
      }
    } catch (SQLException e) {
      if (e instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_FULL) {
        throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "the disk beside "
            + location.describe() + " filled up during the change: it was rolled back and the"
            + " database is unchanged; free disk space and run again", e);
      }
      throw Sqlite.unusable(location, e);
    } catch (IOException e) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "cannot write beside "
          + location.describe() + ": " + e.getMessage(), e);
    }
  }

  /** One migrate up or rollback, from planning to the commit. */
  private static final class Run {
    private final long started = System.nanoTime();
    private final ChangeRequest request;
    private final String command;
    private final Outcome outcome;
    private final Connection connection;
    private final boolean missing;
    private final RunContext context;

    Run(ChangeRequest request, String command, Outcome outcome, Connection connection,
        boolean missing) {
      this.request = request;
      this.command = command;
      this.outcome = outcome;
      this.connection = connection;
      this.missing = missing;
      this.context = RunContext.of(request.remap(), request.progress(), request.statusEnum(),
          request.rebuild());
    }

    ChangeResult execute(DatabaseChangeLog changelog, Planner planner, Work work)
        throws SQLException, IOException {
      List<PlannedChangeset> planned = planner.plan(changelog, ChangelogHistory.read(connection));
      if (planned.isEmpty()) {
        // No job counts here: counting a million jobs would double the cost of a no-op run.
        return result(Outcome.NOTHING_TO_DO, planned, List.of(), null, null, null, List.of(), 0,
            List.of());
      }
      if (!missing) {
        requireFreeSpace(changelog, planned);
      }
      PendingSnapshot snapshot = null;
      if (request.backup() && !request.dryRun() && !missing) {
        request.progress().accept("taking a snapshot of " + request.location().path() + " ...");
        snapshot = new Snapshots(Clock.systemUTC(), request.progress())
            .start(request.location().path(), request.backupDir(), request.busyTimeout());
      }
      if (missing && !request.dryRun()) {
        try (Statement s = connection.createStatement()) {
          s.execute("PRAGMA journal_mode=WAL");
        }
      }
      if (!missing) {
        // while the snapshot is copied: the copy is mostly the disk's work, the rehearsal the CPU's
        LiquibaseWarmUp.rehearse(connection, context, request.changelog(),
            runner -> work.apply(runner, LiquibaseRunner.changelog(request.changelog()),
                planned));
      }
      SnapshotInfo backup = snapshot == null ? null : snapshot.await();
      try {
        ChangeResult result = inTransaction(work, changelog, planned, backup);
        if (backup != null) {
          String removed = SnapshotRetention.describe(SnapshotRetention.prune(
              request.location().path(), request.backupDir(), request.keepSnapshots(),
              backup.path()), request.keepSnapshots());
          if (!removed.isEmpty()) {
            return result.withNote(removed);
          }
        }
        return result;
      } catch (RuntimeException | SQLException e) {
        // Nothing was changed, so the snapshot would only be a stray copy beside the database.
        if (backup != null && !(e instanceof KeptChanges)) {
          Files.deleteIfExists(backup.path());
        }
        throw e;
      }
    }

    /** The need of the method the run will use (see FreeSpaceCheck), before anything is written. */
    private void requireFreeSpace(DatabaseChangeLog changelog, List<PlannedChangeset> planned)
        throws IOException, SQLException {
      Set<String> ids = new HashSet<>();
      planned.forEach(p -> ids.add(p.id()));
      List<ChangeSet> toApply = outcome != Outcome.APPLIED ? List.of()
          : changelog.getChangeSets().stream().filter(cs -> ids.contains(cs.getId())).toList();
      Path db = request.location().path();
      Path snapshotDir = !request.backup() || request.dryRun() ? null
          : request.backupDir() == null ? db.getParent() : request.backupDir();
      FreeSpaceCheck.require(connection, db, request.rebuild() ? FreeSpaceCheck.Method.REBUILD
          : FreeSpaceCheck.Method.IN_PLACE, toApply, snapshotDir);
    }

    /**
     * Jobs per status are counted just before the write lock is taken and just after it is
     * released (a scan of the status index: 70 ms a million jobs), so the app's workers do not wait
     * for them. Under the lock the totals are compared only when the table is rebuilt (the only
     * change that rewrites rows; an in-place change reads none there).
     */
    private ChangeResult inTransaction(Work work, DatabaseChangeLog changelog,
        List<PlannedChangeset> planned, SnapshotInfo backup) throws SQLException {
      JobCounts before = JobCounts.read(connection);
      try (RunTransaction tx = new RunTransaction(connection, !request.dryRun())) {
        RunLock.clearStaleLiquibaseLock(tx.connection()).ifPresent(stale -> context.note(
            "cleared a Liquibase lock left by a killed run (" + stale.lockedBy() + ", "
                + stale.lockGranted() + ")"));
        // Only a rebuild rewrites rows: counting them under the lock is the rebuild's cost alone.
        long totalBefore = request.rebuild() ? JobCounts.total(tx.connection()) : -1;
        List<AppliedChangeset> historyBefore = ChangelogHistory.read(tx.connection());
        try {
          work.apply(new LiquibaseRunner(tx.connection(), request.verbose(), context.asScope(),
                  request.changelog()),
              changelog, planned);
        } catch (RuntimeException e) {
          if (tx.committedIndexes().isEmpty()) {
            throw e;
          }
          tx.rollback();
          LiquibaseLockOwner.releaseOwn(connection);
          throw keptBeforeTheFailure(tx, e, backup);
        }
        long totalAfter = request.rebuild() ? JobCounts.total(tx.connection()) : -1;
        List<AppliedChangeset> historyAfter = ChangelogHistory.read(tx.connection());
        if (totalAfter != totalBefore) {
          throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "the change would leave "
              + totalAfter + " of " + totalBefore + " jobs; it was rolled back and the"
              + " database is unchanged: please report this with --verbose output");
        }
        List<AppliedChangeset> done = outcome == Outcome.APPLIED
            ? added(historyBefore, historyAfter)
            : reversed(added(historyAfter, historyBefore));
        if (request.dryRun()) {
          JobCounts after = JobCounts.read(tx.connection());
          List<String> sql = tx.writes();
          tx.rollback();
          return result(Outcome.DRY_RUN, planned, done, null, before, after, sql,
              tx.heldMillis(), tx.holds());
        }
        try {
          tx.commit();
        } catch (SQLException e) {
          if (tx.committedIndexes().isEmpty()) {
            throw e;
          }
          // the last stretch is rolled back, but the indexes committed before it stay
          try {
            tx.rollback();
            LiquibaseLockOwner.releaseOwn(connection);
          } catch (SQLException unreleased) {
            // SQLite ended the transaction itself; the next run clears jobdb's lock row, whose
            // holder (this process) will have ended by then
          }
          throw keptBeforeTheFailure(tx, new JobdbException(ExitCode.FAILED_ROLLED_BACK,
              "the last commit failed (" + e.getMessage() + ")", e), backup);
        }
        JobCounts after = JobCounts.read(connection);
        return result(outcome, planned, done, backup, before, after, List.of(), tx.heldMillis(),
            tx.holds());
      }
    }

    /**
     * A failure after an index changeset was committed on its own: that changeset stays applied
     * and recorded, so the database is not as before. Say which, and keep the snapshot.
     */
    private RuntimeException keptBeforeTheFailure(RunTransaction tx, RuntimeException e,
        SnapshotInfo backup) {
      List<String> kept = tx.committedIndexes();
      return new KeptChanges(e.getMessage().replaceAll("\\.?\\s*$", "") + ". Applied and"
          + " recorded before the failure, each in its own transaction: " + String.join(", ",
              kept) + (backup == null ? "" : "; " + backup.path() + " holds the database as it"
              + " was before this run") + "; run again to finish", e);
    }

    private ChangeResult result(Outcome reached, List<PlannedChangeset> planned,
        List<AppliedChangeset> done, SnapshotInfo backup, JobCounts before, JobCounts after,
        List<String> sql, long writeLockMillis, List<LockHold> holds) {
      boolean created = missing && reached != Outcome.DRY_RUN && reached != Outcome.NOTHING_TO_DO;
      return new ChangeResult(command, request.location(), reached, created, planned, done,
          backup, before, after, List.copyOf(context.notes()),
          List.copyOf(context.constraintChanges()), sql, writeLockMillis, holds,
          (System.nanoTime() - started) / 1_000_000);
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

  private static Connection open(ChangeRequest request, boolean missing) {
    if (missing) {
      return request.dryRun()
          ? Sqlite.openInMemory(request.location())
          : Sqlite.openOrCreate(request.location(), request.busyTimeout());
    }
    return Sqlite.openForChange(request.location(), request.busyTimeout());
  }

  private static void deleteCreated(Path db) {
    for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
      try {
        Files.deleteIfExists(Path.of(db + suffix));
      } catch (IOException ignored) {
        // best effort: the file did not exist before this run
      }
    }
  }

  /** A failure after some changesets were committed on their own (exit 7, snapshot kept). */
  static final class KeptChanges extends JobdbException {
    KeptChanges(String message, Throwable cause) {
      super(ExitCode.PARTLY_APPLIED, message, cause);
    }
  }
}
