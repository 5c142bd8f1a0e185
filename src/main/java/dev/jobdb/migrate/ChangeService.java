package dev.jobdb.migrate;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.db.Sqlite;
import dev.jobdb.migrate.ChangeResult.Outcome;
import dev.jobdb.migrate.ChangeResult.PlannedChangeset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import liquibase.changelog.ChangeSet;

/**
 * Applies or rolls back changesets with the same guarantees: one OS lock per database, a verified
 * snapshot first, then the whole run as one SQLite transaction that is committed only if no job was
 * lost (and rolled back for --dry-run).
 */
public final class ChangeService {

  /** migrate up: every changeset not yet recorded, in changelog order. */
  public ChangeResult migrateUp(ChangeRequest request) {
    return run(request, "migrate up", Outcome.APPLIED, history -> {
      Set<String> applied = new HashSet<>();
      history.forEach(a -> applied.add(a.key()));
      List<PlannedChangeset> pending = new ArrayList<>();
      for (ChangeSet cs : LiquibaseRunner.changelog().getChangeSets()) {
        if (!applied.contains(cs.getId() + "::" + cs.getAuthor() + "::" + cs.getFilePath())) {
          pending.add(new PlannedChangeset(cs.getId(), cs.getComments()));
        }
      }
      return pending;
    }, (runner, planned) -> runner.update());
  }

  /**
   * rollback: the newest {@code count} applied changesets, or those applied after {@code toId}.
   */
  public ChangeResult rollback(ChangeRequest request, int count, String toId) {
    return run(request, "rollback", Outcome.ROLLED_BACK, history -> {
      int n = toId == null ? count : countAfter(history, toId);
      List<PlannedChangeset> planned = new ArrayList<>();
      for (int i = history.size() - 1; i >= 0 && planned.size() < n; i--) {
        planned.add(new PlannedChangeset(history.get(i).id(), history.get(i).description()));
      }
      return planned;
    }, (runner, planned) -> runner.rollbackCount(planned.size()));
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
    List<PlannedChangeset> plan(List<AppliedChangeset> history)
        throws SQLException;
  }

  private interface Work {
    void apply(LiquibaseRunner runner, List<PlannedChangeset> planned);
  }

  private ChangeResult run(
      ChangeRequest request, String command, Outcome outcome, Planner planner, Work work) {
    long started = System.nanoTime();
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
    boolean createsFile = missing && !request.dryRun();
    try (RunLock lock = request.dryRun() ? null : RunLock.acquire(location.path(), command);
        Connection connection = open(request, missing)) {
      try {
        return change(request, command, outcome, planner, work, connection, missing, started);
      } catch (RuntimeException | SQLException | IOException e) {
        if (createsFile) {
          connection.close();
          deleteCreated(location.path());
        }
        throw e;
      }
    } catch (SQLException e) {
      throw Sqlite.unusable(location, e);
    } catch (IOException e) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "cannot write beside "
          + location.describe() + ": " + e.getMessage(), e);
    }
  }

  private ChangeResult change(ChangeRequest request, String command, Outcome outcome,
      Planner planner, Work work, Connection connection, boolean missing, long started)
      throws SQLException, IOException {
    RunContext context = RunContext.of(request.remap(), request.progress());
    List<PlannedChangeset> planned = planner.plan(ChangelogHistory.read(connection));
    if (planned.isEmpty()) {
      // No job counts here: counting a million jobs would double the cost of a no-op run.
      return new ChangeResult(command, request.location(), Outcome.NOTHING_TO_DO, false, planned,
          List.of(), null, null, null, List.of(), List.of(), 0, millisSince(started));
    }
    if (!missing) {
      requireFreeSpace(request);
    }
    SnapshotInfo backup = null;
    if (request.backup() && !request.dryRun() && !missing) {
      request.progress().accept("taking a snapshot of " + request.location().path() + " ...");
      backup = takeSnapshot(request);
    }
    if (missing && !request.dryRun()) {
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
      }
    }
    try {
      return changeInTransaction(request, command, outcome, work, connection, missing, started,
          context, planned, backup);
    } catch (RuntimeException | SQLException e) {
      // Nothing was changed, so the snapshot would only be a stray copy beside the database.
      if (backup != null) {
        Files.deleteIfExists(backup.path());
      }
      throw e;
    }
  }

  private ChangeResult changeInTransaction(ChangeRequest request, String command,
      Outcome outcome, Work work, Connection connection, boolean missing, long started,
      RunContext context, List<PlannedChangeset> planned, SnapshotInfo backup)
      throws SQLException {
    try (RunTransaction tx = new RunTransaction(connection)) {
      RunLock.clearStaleLiquibaseLock(tx.connection()).ifPresent(stale -> context.note(
          "cleared a Liquibase lock left by a killed run (" + stale.lockedBy() + ", "
              + stale.lockGranted() + ")"));
      JobCounts before = JobCounts.read(tx.connection());
      List<AppliedChangeset> historyBefore = ChangelogHistory.read(tx.connection());
      work.apply(new LiquibaseRunner(tx.connection(), request.verbose(), context.asScope()),
          planned);
      JobCounts after = JobCounts.read(tx.connection());
      List<AppliedChangeset> done =
          difference(ChangelogHistory.read(tx.connection()), historyBefore, outcome);
      if (after.total() != before.total()) {
        throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "the change would leave "
            + after.total() + " of " + before.total() + " jobs; it was rolled back and the"
            + " database is unchanged: please report this with --verbose output");
      }
      long held = tx.heldMillis();
      List<String> sql = List.of();
      if (request.dryRun()) {
        sql = tx.writes();
        tx.rollback();
      } else {
        tx.commit();
      }
      return new ChangeResult(command, request.location(),
          request.dryRun() ? Outcome.DRY_RUN : outcome, missing && !request.dryRun(), planned,
          done, backup, before, after, List.copyOf(context.notes()), sql, held,
          millisSince(started));
    }
  }

  /** Up: the rows this run added. Rollback: the rows it removed. */
  private static List<AppliedChangeset> difference(
      List<AppliedChangeset> after, List<AppliedChangeset> before, Outcome outcome) {
    List<AppliedChangeset> from = outcome == Outcome.APPLIED ? after : before;
    Set<String> other = new HashSet<>();
    (outcome == Outcome.APPLIED ? before : after).forEach(a -> other.add(a.key()));
    List<AppliedChangeset> diff = new ArrayList<>();
    for (AppliedChangeset a : from) {
      if (!other.contains(a.key())) {
        diff.add(a);
      }
    }
    if (outcome != Outcome.APPLIED) {
      java.util.Collections.reverse(diff);
    }
    return diff;
  }

  private static SnapshotInfo takeSnapshot(ChangeRequest request) {
    try {
      return new Snapshots(Clock.systemUTC(), request.progress())
          .take(request.location().path(), request.backupDir(), request.busyTimeout());
    } catch (JobdbException e) {
      throw e;
    } catch (Exception e) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "cannot take a snapshot of "
          + request.location().path() + ": " + LiquibaseRunner.rootMessage(e)
          + "; nothing was changed. Free disk space, fix --backup-dir, or pass --no-backup", e);
    }
  }

  /**
   * A rebuild rewrites the table inside one transaction, so the WAL grows to about the database's
   * size; a snapshot needs as much again. Running out of disk half-way would only be rolled back.
   */
  private static void requireFreeSpace(ChangeRequest request) throws IOException {
    Path db = request.location().path();
    long size = Files.size(db);
    long needed = size + size / 4;
    long free = Files.getFileStore(db.getParent()).getUsableSpace();
    Path backupFolder = request.backupDir() == null ? db.getParent() : request.backupDir();
    boolean snapshot = request.backup() && !request.dryRun();
    if (snapshot && Files.isDirectory(backupFolder)
        && Files.getFileStore(backupFolder).equals(Files.getFileStore(db.getParent()))) {
      needed += size;
    }
    if (free < needed) {
      throw new JobdbException(ExitCode.REFUSED, "refused: " + megabytes(free) + " free beside "
          + db + ", the change needs about " + megabytes(needed) + " (the rebuild's WAL"
          + (snapshot ? " and the snapshot" : "") + "); nothing was changed. Free disk space, or put"
          + " the snapshot elsewhere with --backup-dir");
    }
  }

  private static String megabytes(long bytes) {
    return (bytes + (1 << 20) - 1) / (1 << 20) + " MB";
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

  private static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
