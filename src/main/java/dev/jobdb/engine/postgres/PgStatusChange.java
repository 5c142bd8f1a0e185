package dev.jobdb.engine.postgres;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseUrl;
import dev.jobdb.engine.ChangeContext;
import dev.jobdb.engine.ChangeMethod;
import dev.jobdb.engine.ConstraintChange;
import dev.jobdb.engine.LockHold;
import dev.jobdb.engine.StatusChange;
import dev.jobdb.engine.postgres.PgCatalog;
import dev.jobdb.engine.postgres.PgCheck;
import dev.jobdb.engine.postgres.PgJobCounts;
import dev.jobdb.engine.postgres.PgStatusColumn;
import dev.jobdb.engine.postgres.Postgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A status changeset on PostgreSQL, run online inside its changeset (see
 * {@link OnlineStatusChange}): each step commits on its own under lock_timeout, so a kill between
 * steps leaves a state the next run finishes (the changeset is recorded only after the last step).
 * In a dry run it lists the steps it would run and checks the rows, changing nothing.
 */
public final class PgStatusChange {
  /** The name an interrupted change leaves its new constraint under. */
  public static final String TEMPORARY = OnlineStatusChange.TEMPORARY;

  private final Connection c;
  private final DatabaseUrl url;
  private final ChangeContext context;

  public PgStatusChange(Connection c, DatabaseUrl url, ChangeContext context) {
    this.c = c;
    this.url = url;
    this.context = context;
  }

  public void apply(StatusChange change) throws SQLException {
    long started = System.nanoTime();
    PgStatusColumn table = PgCatalog.read(c, url);
    if (!table.hasStatus()) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "job_queue in " + url.describe()
          + " has no status column: this is not the app's table; check --db-url");
    }
    StatusChangePlan plan = new StatusChangePlan(change.changeSet(), change.values(), false,
        context.remap(), context.rewriteEnum());
    List<String> notes = new ArrayList<>();
    LockedSteps steps = new LockedSteps(c, context.lockPolicy(), context.progress());
    OnlineStatusChange online = new OnlineStatusChange(c, context.lockPolicy(), steps, notes);
    if (context.dryRun()) {
      dryRun(table, plan, online, notes);
      return;
    }
    boolean changed;
    try {
      changed = OnlineStatusChange.needed(table, plan) && online.apply(table, plan);
    } catch (SQLException | RuntimeException e) {
      throw failed(e, online, plan);
    } finally {
      notes.forEach(context::note);
      for (StepLog step : steps.log()) {
        context.note(String.format("%-72s %6d ms%s", step.name(), step.millis(),
            step.attempts() > 1 ? " (" + step.attempts() + " attempts)" : ""));
        if (step.strongLock()) {
          context.held(new LockHold(step.name(), step.millis()));
        }
      }
    }
    List<String> accepts = accepted(PgCatalog.read(c, url));
    if (changed && !accepts.equals(plan.values()) && !(table.isEnum()
        && accepts.containsAll(plan.values()) && !plan.rewriteEnum())) {
      throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "after the change job_queue.status"
          + " accepts " + accepts + ", not " + plan.values() + ": please report this");
    }
    long blocked = steps.log().stream().filter(StepLog::strongLock).mapToLong(StepLog::millis)
        .max().orElse(0);
    context.record(new ConstraintChange(change.changeSet(), change.table(), change.column(),
        accepts, ChangeMethod.ONLINE, null, null, (System.nanoTime() - started) / 1_000_000,
        change.changeSet() + ": " + change.table() + "." + change.column() + " accepts "
            + String.join(", ", accepts) + (changed ? " (online, " + steps.log().size()
                + (steps.log().size() == 1 ? " step" : " steps")
                + "; the app's writers blocked at most " + blocked + " ms at a time)"
                : " already: nothing to change")));
  }

  /** The rows are checked as for real (a refusal is a refusal); the steps are only listed. */
  private void dryRun(PgStatusColumn table, StatusChangePlan plan, OnlineStatusChange online,
      List<String> notes) throws SQLException {
    if (!OnlineStatusChange.needed(table, plan)) {
      context.note(plan.command() + ": job_queue.status already accepts exactly these values");
      return;
    }
    online.remapOrRefuse(table, plan);
    OnlineStatusChange.refuseNarrowingUnlessRewriteAccepted(table, plan);
    notes.forEach(n -> context.note("would have " + n));
    context.note(plan.command() + ": would make job_queue.status accept "
        + String.join(", ", plan.values()) + (table.isEnum()
            ? " (ALTER TYPE " + table.enumType() + " ADD VALUE for each missing value)"
            : " online: ADD CONSTRAINT " + TEMPORARY + " NOT VALID, VALIDATE CONSTRAINT, DROP "
                + String.join(", ", table.checks().stream().filter(PgCheck::statusOnly)
                    .map(PgCheck::name).toList()) + ", RENAME to " + OnlineStatusChange.NAME
                + "; each step under lock_timeout " + context.lockPolicy().lockTimeout()
                    .toMillis() + " ms"));
  }

  /**
   * The failure as the user must hear it: what failed, what was undone, and either "nothing was
   * changed" (exit 5) or exactly what stays changed (exit 7).
   */
  private RuntimeException failed(Exception e, OnlineStatusChange change,
      StatusChangePlan plan) {
    if (e instanceof JobdbException refused && change.stillChanged().isEmpty()) {
      return refused;
    }
    if (e instanceof SQLException sql && sql.getSQLState() != null
        && sql.getSQLState().startsWith("08")) {
      return Postgres.unusable(url, sql);
    }
    String what = e instanceof LockedSteps.GaveUp gaveUp
        ? "gave up so as not to block the app's writers: " + gaveUp.getMessage()
            + "; lock_timeout " + context.lockPolicy().lockTimeout().toMillis() + " ms each"
        : "the change failed: " + String.valueOf(e.getMessage()).replaceAll("\\s+", " ")
            + rejectedMeanwhile(e, plan);
    String undone = change.undone().isEmpty() ? "" : "; " + String.join("; ", change.undone());
    if (change.stillChanged().isEmpty()) {
      return new JobdbException(ExitCode.FAILED_ROLLED_BACK, what + undone
          + ". Nothing was changed; run again" + (e instanceof LockedSteps.GaveUp
              ? " when that transaction is over" : ""), e);
    }
    return new JobdbException(ExitCode.PARTLY_APPLIED, what + undone + ". Still changed: "
        + String.join("; ", change.stillChanged()), e);
  }

  /** After a failed VALIDATE: the statuses written meanwhile that the new constraint rejects. */
  private String rejectedMeanwhile(Exception e, StatusChangePlan plan) {
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

  /** What the column accepts now: the enum's labels, or the status CHECK's list. */
  static List<String> accepted(PgStatusColumn table) {
    if (table.isEnum()) {
      return table.enumValues();
    }
    return table.checks().stream().filter(ch -> ch.statusOnly() && ch.isList())
        .map(PgCheck::listedValues).findFirst().orElse(List.of());
  }
}
