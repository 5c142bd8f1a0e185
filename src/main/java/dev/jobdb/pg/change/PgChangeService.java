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

/**
 * migrate up and rollback on PostgreSQL. migrate up makes job_queue.status accept every value of
 * the app's status enum (changeset 003's change); rollback narrows it back to the 5 statuses of the app's migration
 * 001. One jobdb at a time (advisory lock); the app's workers keep writing throughout.
 */
public final class PgChangeService {
  /** The statuses of the app's migration 001: what rollback narrows to. */
  public static final List<String> FIRST_STATUSES =
      List.of("pending", "running", "completed", "failed", "cancelled");

  public PgChangeResult migrateUp(PgChangeRequest request) {
    return run(request, new StatusChangePlan("migrate up", request.statuses(), true,
        Map.of(), false), Outcome.APPLIED);
  }

  public PgChangeResult rollback(PgChangeRequest request) {
    return run(request, new StatusChangePlan("rollback", FIRST_STATUSES, false,
        request.remap(), request.rewriteEnum()), Outcome.ROLLED_BACK);
  }

  private PgChangeResult run(PgChangeRequest request, StatusChangePlan plan, Outcome outcome) {
    DatabaseUrl url = request.url();
    long started = System.nanoTime();
    try (AdvisoryLock lock = AdvisoryLock.acquire(Postgres.open(url, plan.command() + " lock"),
        url);
        Connection c = Postgres.open(url, plan.command())) {
      PgStatusColumn table = PgCatalog.read(c, url);
      if (!table.hasStatus()) {
        throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "job_queue in " + url.describe()
            + " has no status column: this is not the app's table; check --db-url");
      }
      boolean needed = OnlineStatusChange.needed(table, plan);
      PgSnapshotInfo backup = null;
      if (needed && request.backup()) {
        request.progress().accept("taking a snapshot of job_queue ...");
        backup = new PgSnapshots(Clock.systemUTC()).take(c, url, request.backupDir());
      }
      Map<String, Long> before = needed ? PgJobCounts.byStatus(c, table) : Map.of();
      List<String> notes = new ArrayList<>();
      LockedSteps steps = new LockedSteps(c, request.lockPolicy(), request.progress());
      boolean changed;
      try {
        changed = needed && new OnlineStatusChange(c, request.lockPolicy(), steps, notes)
            .apply(table, plan);
      } catch (LockedSteps.GaveUp e) {
        deleteQuietly(backup); // nothing changed: the copy would only be a stray file
        throw LockedSteps.gaveUp(e, request.lockPolicy());
      } catch (SQLException | RuntimeException e) {
        deleteQuietly(backup);
        throw e;
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
