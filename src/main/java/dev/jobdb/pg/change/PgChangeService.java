package dev.jobdb.pg.change;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseUrl;
import dev.jobdb.pg.PgCatalog;
import dev.jobdb.pg.PgJobCounts;
import dev.jobdb.pg.PgStatusColumn;
import dev.jobdb.pg.AdvisoryLock;
import dev.jobdb.pg.Postgres;
import dev.jobdb.pg.change.PgChangeResult.Outcome;
import dev.jobdb.pg.snapshot.PgSnapshotInfo;
import dev.jobdb.pg.snapshot.PgSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * migrate up and rollback on PostgreSQL. migrate up makes job_queue.status accept every value of
 * the app's status enum (changeset 003's change); rollback narrows it back to the 5 statuses of the app's migration
 * 001. One jobdb at a time (advisory lock); the app's workers keep writing throughout.
 */
public final class PgChangeService {
  public PgChangeResult migrateUp(PgChangeRequest request) {
    return run(request, table -> new StatusChangePlan("migrate up", request.statuses(), true,
        Map.of(), false), Outcome.APPLIED);
  }

  /** Returns job_queue.status to the set before the changeset whose set it accepts now. */
  public PgChangeResult rollback(PgChangeRequest request) {
    return run(request, table -> {
      List<String> live = accepted(table);
      List<String> target = request.rollbackTarget().apply(live).orElseThrow(() ->
          new JobdbException(ExitCode.REFUSED, "refused: job_queue.status accepts " + (live
              .isEmpty() ? "every value" : String.join(", ", live)) + ", which no status"
              + " changeset of the changelog set, so jobdb cannot tell which change to undo."
              + " Nothing was changed. Point --changelog or JOBDB_CHANGELOG at the app's"
              + " changelog folder, or check the constraint with verify-schema"));
      return new StatusChangePlan("rollback", target, false, request.remap(),
          request.rewriteEnum());
    }, Outcome.ROLLED_BACK);
  }

  private PgChangeResult run(PgChangeRequest request,
      Function<PgStatusColumn, StatusChangePlan> planFor, Outcome outcome) {
    DatabaseUrl url = request.url();
    long started = System.nanoTime();
    String command = outcome == Outcome.ROLLED_BACK ? "rollback" : "migrate up";
    try (AdvisoryLock lock = AdvisoryLock.acquire(Postgres.open(url, command + " lock"), url);
        Connection c = Postgres.open(url, command)) {
      PgStatusColumn table = PgCatalog.read(c, url);
      if (!table.hasStatus()) {
        throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "job_queue in " + url.describe()
            + " has no status column: this is not the app's table; check --db-url");
      }
      StatusChangePlan plan = planFor.apply(table);
      boolean needed = OnlineStatusChange.needed(table, plan);
      PgSnapshotInfo backup = null;
      if (needed && request.backup()) {
        request.progress().accept("taking a snapshot of job_queue ...");
        backup = new PgSnapshots(Clock.systemUTC()).take(c, url, request.backupDir());
      }
      Map<String, Long> before = needed ? PgJobCounts.byStatus(c, table) : Map.of();
      List<String> notes = new ArrayList<>();
      LockedSteps steps = new LockedSteps(c, request.lockPolicy(), request.progress());
      OnlineStatusChange change = new OnlineStatusChange(c, request.lockPolicy(), steps, notes);
      boolean changed;
      try {
        changed = needed && change.apply(table, plan);
      } catch (SQLException | RuntimeException e) {
        throw failed(e, change, backup, c, url, plan, request.lockPolicy());
      }
      PgStatusColumn now = PgCatalog.read(c, url);
      List<String> accepts = accepted(now);
      if (changed && !accepts.containsAll(plan.values())) {
        throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "after the change job_queue.status"
            + " accepts " + accepts + ", not " + plan.values() + ": please report this");
      }
      Map<String, Long> after = changed ? PgJobCounts.byStatus(c, now) : before;
      long longest = steps.log().stream().filter(StepLog::strongLock)
          .mapToLong(StepLog::millis).max().orElse(0);
      return new PgChangeResult(plan.command(), url.display(), url.origin(),
          changed ? outcome : Outcome.NOTHING_TO_DO, accepts, backup, before, after, steps.log(), notes,
          request.lockPolicy().lockTimeout().toMillis(), longest,
          (System.nanoTime() - started) / 1_000_000);
    } catch (JobdbException e) {
      throw e;
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
        throw Postgres.unusable(url, e);
      }
      throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "the change failed and was undone: "
          + e.getMessage().replaceAll("\\s+", " ") + "; run again with --verbose for details", e);
    }
  }

  /**
   * The failure as the user must hear it: what failed, what was undone, and either "nothing was
   * changed" (exit 5; the snapshot, now a stray copy, is deleted) or exactly what stays changed
   * and the snapshot that holds the rows as they were (exit 7; the snapshot is kept).
   */
  private static RuntimeException failed(Exception e, OnlineStatusChange change,
      PgSnapshotInfo backup, Connection c, DatabaseUrl url, StatusChangePlan plan,
      LockPolicy policy) {
    if (e instanceof JobdbException refused && change.stillChanged().isEmpty()) {
      deleteQuietly(backup);
      return refused;
    }
    if (e instanceof SQLException sql && sql.getSQLState() != null
        && sql.getSQLState().startsWith("08")) {
      return Postgres.unusable(url, sql);
    }
    String what = e instanceof LockedSteps.GaveUp gaveUp
        ? "gave up so as not to block the app's writers: " + gaveUp.getMessage() + "; lock_timeout "
            + policy.lockTimeout().toMillis() + " ms each"
        : "the change failed: " + String.valueOf(e.getMessage()).replaceAll("\\s+", " ")
            + rejectedMeanwhile(e, c, url, plan);
    String undone = change.undone().isEmpty() ? "" : "; " + String.join("; ", change.undone());
    if (change.stillChanged().isEmpty()) {
      deleteQuietly(backup);
      return new JobdbException(ExitCode.FAILED_ROLLED_BACK, what + undone
          + ". Nothing was changed; run again" + (e instanceof LockedSteps.GaveUp
              ? " when that transaction is over" : ""), e);
    }
    return new JobdbException(ExitCode.PARTLY_APPLIED, what + undone + ". Still changed: "
        + String.join("; ", change.stillChanged()) + (backup == null
            ? " (no snapshot was taken: --no-backup)"
            : "; " + backup.path() + " holds job_queue as it was before this run"), e);
  }

  /** After a failed VALIDATE: the statuses written meanwhile that the new constraint rejects. */
  private static String rejectedMeanwhile(Exception e, Connection c, DatabaseUrl url,
      StatusChangePlan plan) {
    if (!(e instanceof SQLException sql) || !"23514".equals(sql.getSQLState())) {
      return "";
    }
    try {
      Map<String, Long> counts = PgJobCounts.byStatus(c, PgCatalog.read(c, url));
      List<String> rejected = counts.entrySet().stream()
          .filter(en -> !plan.values().contains(en.getKey())
              && !plan.remap().containsKey(en.getKey()))
          .map(en -> en.getKey() + " (" + en.getValue() + (en.getValue() == 1 ? " row" : " rows")
              + ")").toList();
      return rejected.isEmpty() ? "" : " (rows in statuses it rejects were written while jobdb"
          + " worked: " + String.join(", ", rejected) + "; remap them too)";
    } catch (SQLException | RuntimeException unreadable) {
      return "";
    }
  }

  private static void deleteQuietly(PgSnapshotInfo backup) {
    if (backup != null) {
      try {
        Files.deleteIfExists(backup.path());
      } catch (java.io.IOException ignored) {
        // best effort
      }
    }
  }

  /** What the column accepts now: the enum's labels, or the status CHECK's list. */
  static List<String> accepted(PgStatusColumn table) {
    if (table.isEnum()) {
      return table.enumValues();
    }
    return table.checks().stream().filter(ch -> ch.statusOnly() && ch.isList())
        .map(ch -> ch.listedValues()).findFirst().orElse(List.of());
  }
}
