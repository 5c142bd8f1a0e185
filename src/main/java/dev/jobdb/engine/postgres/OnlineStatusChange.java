package dev.jobdb.engine.postgres;

import dev.jobdb.engine.LockPolicy;

import static dev.jobdb.engine.postgres.PgDefinitions.identifier;
import static dev.jobdb.engine.postgres.PgDefinitions.literal;
import static dev.jobdb.engine.postgres.PgDefinitions.literals;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes job_queue.status accept exactly the plan's values while the app keeps writing.
 *
 * <p>A CHECK: (1) {@code ADD CONSTRAINT <new> CHECK (...) NOT VALID} (instant, checks only new
 * rows; any --remap UPDATE runs in the same transaction just before it), (2) {@code VALIDATE
 * CONSTRAINT} (scans under SHARE UPDATE EXCLUSIVE: reads and writes go on), (3) {@code DROP} the
 * old status CHECKs and {@code RENAME} the new one to {@code job_queue_status_check}, the name
 * PostgreSQL gives an unnamed one (hence the temporary name in between). Steps 1 and 3 take
 * ACCESS EXCLUSIVE for milliseconds, under lock_timeout. These are three transactions, not one: a
 * VALIDATE inside the ADD's transaction would hold ACCESS EXCLUSIVE for the whole scan. Each step
 * reads the catalog first, so a run interrupted anywhere is finished (or undone) by the next one.
 *
 * <p>A native enum type gains values with {@code ALTER TYPE ... ADD VALUE IF NOT EXISTS}, each in
 * its own transaction (a value added in a transaction cannot be used before it commits).
 * PostgreSQL cannot remove an enum value: narrowing refuses unless the user accepts the rewrite of
 * the table into a new type ({@link EnumRewrite}).
 */
final class OnlineStatusChange {
  static final String NAME = "job_queue_status_check";
  static final String TEMPORARY = "job_queue_status_check_jobdb_new";

  private final Connection c;
  private final LockPolicy policy;
  private final LockedSteps steps;
  private final List<String> notes;
  /** What stays changed when the change fails part-way (empty: the failure undid everything). */
  private final List<String> stillChanged = new ArrayList<>();
  /** What an undo put back, for the failure's message. */
  private final List<String> undone = new ArrayList<>();

  /** A --remap UPDATE: rows in {@code from} move to {@code to}; it returns their ids. */
  record Remap(String from, String to, String sql) {}

  OnlineStatusChange(Connection c, LockPolicy policy, LockedSteps steps, List<String> notes) {
    this.c = c;
    this.policy = policy;
    this.steps = steps;
    this.notes = notes;
  }

  List<String> stillChanged() {
    return List.copyOf(stillChanged);
  }

  List<String> undone() {
    return List.copyOf(undone);
  }

  /** True when {@link #apply} would change something. */
  static boolean needed(PgStatusColumn table, StatusChangePlan plan) {
    if (table.isEnum()) {
      boolean missing = !table.enumValues().containsAll(plan.values());
      boolean extra = !plan.values().containsAll(table.enumValues());
      return missing || (!plan.widenOnly() && extra);
    }
    List<PgCheck> statusChecks = table.checks().stream().filter(PgCheck::statusOnly).toList();
    return statusChecks.stream().anyMatch(ch -> ch.name().equals(TEMPORARY))
        || !alreadyDone(statusChecks, plan);
  }

  /** @return false when the column already accepts what the plan asks: nothing was run */
  boolean apply(PgStatusColumn table, StatusChangePlan plan) throws SQLException {
    if (table.isEnum()) {
      return changeEnum(table, plan);
    }
    return changeCheck(table, plan);
  }

  private boolean changeCheck(PgStatusColumn table, StatusChangePlan plan) throws SQLException {
    List<PgCheck> statusChecks = table.checks().stream().filter(PgCheck::statusOnly).toList();
    PgCheck leftOver = statusChecks.stream().filter(ch -> ch.name().equals(TEMPORARY))
        .findFirst().orElse(null);
    List<PgCheck> old = statusChecks.stream().filter(ch -> !ch.name().equals(TEMPORARY)).toList();
    if (leftOver == null && alreadyDone(old, plan)) {
      return false;
    }
    String q = table.qualifiedTable();
    boolean resume = leftOver != null && leftOver.isList()
        && leftOver.listedValues().equals(plan.values());
    if (leftOver != null && !resume) {
      steps.run("drop " + TEMPORARY + " left by an interrupted run", true,
          List.of("ALTER TABLE " + q + " DROP CONSTRAINT " + identifier(TEMPORARY)));
    }
    if (resume) {
      notes.add("resumed the change an interrupted run began (" + TEMPORARY + " was there)");
    }
    Map<Remap, List<Long>> moved = new LinkedHashMap<>();
    if (!resume) {
      List<Remap> remaps = remapOrRefuse(table, plan);
      List<String> add = new ArrayList<>(remaps.stream().map(Remap::sql).toList());
      add.add("ALTER TABLE " + q + " ADD CONSTRAINT " + identifier(TEMPORARY)
          + " CHECK (status IN (" + literals(plan.values()) + ")) NOT VALID");
      // Again under the ADD's lock: rows a worker committed after the first UPDATE read the
      // table (the status index makes this pass cheap); from the commit on, the new constraint
      // refuses such rows.
      add.addAll(remaps.stream().map(Remap::sql).toList());
      List<List<Long>> returned = steps.run("add " + TEMPORARY + " NOT VALID", true, add);
      for (int i = 0; i < remaps.size(); i++) {
        List<Long> ids = new ArrayList<>(returned.get(i));
        ids.addAll(returned.get(remaps.size() + 1 + i));
        moved.put(remaps.get(i), ids);
      }
    }
    try {
      if (leftOver == null || !leftOver.validated()) {
        steps.run("validate " + TEMPORARY + " (reads and writes go on)", false,
            List.of("ALTER TABLE " + q + " VALIDATE CONSTRAINT " + identifier(TEMPORARY)));
      }
      List<String> swap = new ArrayList<>();
      for (PgCheck o : old) {
        swap.add("ALTER TABLE " + q + " DROP CONSTRAINT " + identifier(o.name()));
      }
      swap.add("ALTER TABLE " + q + " RENAME CONSTRAINT " + identifier(TEMPORARY) + " TO "
          + identifier(NAME));
      steps.run("drop " + (old.isEmpty() ? "nothing" : String.join(", ",
          old.stream().map(PgCheck::name).toList())) + ", rename " + TEMPORARY + " to " + NAME,
          true, swap);
    } catch (SQLException e) {
      undoAdd(q, moved);
      throw e;
    }
    table.checks().stream().filter(ch -> !ch.statusOnly()).forEach(ch -> notes.add(
        "left " + ch.name() + " alone: it reads other columns besides status"));
    return true;
  }

  /** Migrate up leaves a table that accepts every value; a rollback wants the exact list. */
  private static boolean alreadyDone(List<PgCheck> old, StatusChangePlan plan) {
    if (plan.widenOnly()) {
      return old.stream().allMatch(ch -> ch.isList() && ch.listedValues().containsAll(
          plan.values()));
    }
    return old.size() == 1 && old.get(0).isList() && old.get(0).name().equals(NAME)
        && old.get(0).validated() && old.get(0).listedValues().equals(plan.values());
  }

  /**
   * Drops the new constraint and moves the rows this run remapped back to their statuses, in one
   * step. A row the app has changed since keeps the app's status; what cannot be undone is kept
   * in {@link #stillChanged} for the message (and the snapshot is kept for it).
   */
  private void undoAdd(String q, Map<Remap, List<Long>> moved) {
    List<Remap> remaps = moved.entrySet().stream().filter(e -> !e.getValue().isEmpty())
        .map(Map.Entry::getKey).toList();
    List<String> sql = new ArrayList<>(List.of(
        "ALTER TABLE " + q + " DROP CONSTRAINT IF EXISTS " + identifier(TEMPORARY)));
    for (Remap r : remaps) {
      sql.add("UPDATE " + q + " SET status = " + literal(r.from()) + " WHERE status = "
          + literal(r.to()) + " AND id IN (" + String.join(", ", moved.get(r).stream()
              .map(String::valueOf).toList()) + ") RETURNING id");
    }
    try {
      List<List<Long>> back = steps.run("drop " + TEMPORARY + (remaps.isEmpty() ? ""
          : " and move the remapped rows back") + " (undoing this run)", true, sql);
      for (int i = 0; i < remaps.size(); i++) {
        Remap r = remaps.get(i);
        List<Long> kept = new ArrayList<>(moved.get(r));
        kept.removeAll(back.get(i + 1));
        undone.add("the " + rows(back.get(i + 1).size()) + " remapped " + r.from() + " -> "
            + r.to() + " " + (back.get(i + 1).size() == 1 ? "is" : "are") + " back in "
            + r.from());
        if (!kept.isEmpty()) {
          stillChanged.add(rows(kept.size()) + " remapped " + r.from() + " -> " + r.to()
              + " that the app changed since keep the app's status (ids " + ids(kept) + ")");
        }
      }
    } catch (SQLException e) {
      notes.add(TEMPORARY + " is left NOT VALID (" + e.getMessage() + "): the next run finishes"
          + " or drops it");
      moved.forEach((r, ids) -> {
        if (!ids.isEmpty()) {
          stillChanged.add(rows(ids.size()) + " remapped " + r.from() + " -> " + r.to()
              + " stay remapped (ids " + ids(ids) + ")");
        }
      });
    }
  }

  private static String rows(int n) {
    return n + (n == 1 ? " row" : " rows");
  }

  private static String ids(List<Long> ids) {
    return String.join(", ", ids.stream().limit(20).map(String::valueOf).toList())
        + (ids.size() > 20 ? ", ..." : "");
  }

  private boolean changeEnum(PgStatusColumn table, StatusChangePlan plan) throws SQLException {
    List<String> missing = plan.values().stream()
        .filter(v -> !table.enumValues().contains(v)).toList();
    List<String> extra = table.enumValues().stream()
        .filter(v -> !plan.values().contains(v)).toList();
    if (plan.widenOnly() || extra.isEmpty()) {
      if (missing.isEmpty()) {
        return false;
      }
      List<String> known = new ArrayList<>(table.enumValues());
      for (String value : missing) {
        String after = previousKnown(plan.values(), value, known);
        // ADD VALUE locks the type, not job_queue: the app's writes go on
        steps.run("add value " + value + " to enum type " + table.enumType(), false, List.of(
            "ALTER TYPE " + table.enumType() + " ADD VALUE IF NOT EXISTS " + literal(value)
                + (after == null ? "" : " AFTER " + literal(after))));
        known.add(value);
        stillChanged.add("enum type " + table.enumType() + " gained " + value
            + " (PostgreSQL cannot remove an enum value)");
      }
      notes.add("enum type " + table.enumType() + " gained " + String.join(", ", missing)
          + " (ALTER TYPE ... ADD VALUE, each committed on its own: a value added inside a"
          + " transaction cannot be used before it commits)");
      return true;
    }
    List<String> remaps = remapOrRefuse(table, plan).stream().map(Remap::sql).toList();
    refuseNarrowingUnlessRewriteAccepted(table, plan);
    new EnumRewrite(steps, notes).narrow(table, plan.values(), remaps, c);
    return true;
  }

  /**
   * PostgreSQL cannot remove an enum value: narrowing means a new type and a rewrite of the table
   * under ACCESS EXCLUSIVE, which only {@code --rewrite-enum} accepts (exit 4 otherwise).
   */
  static void refuseNarrowingUnlessRewriteAccepted(PgStatusColumn table, StatusChangePlan plan) {
    List<String> extra = table.enumValues().stream()
        .filter(v -> !plan.values().contains(v)).toList();
    if (table.isEnum() && !extra.isEmpty() && !plan.rewriteEnum()) {
      throw new JobdbException(ExitCode.REFUSED, "refused: PostgreSQL cannot remove values ("
          + String.join(", ", extra) + ") from enum type " + table.enumType() + " in place;"
          + " narrowing means a new type and rewriting all of job_queue under an ACCESS EXCLUSIVE"
          + " lock that blocks the app for the whole rewrite. Nothing was changed. Pass"
          + " --rewrite-enum to accept that, or keep the values");
    }
  }

  /** The value just before {@code value} in the wanted order that the type already has. */
  private static String previousKnown(List<String> order, String value, List<String> known) {
    String previous = null;
    for (String v : order) {
      if (v.equals(value)) {
        return previous;
      }
      if (known.contains(v)) {
        previous = v;
      }
    }
    return previous;
  }

  /**
   * Rows in statuses the new constraint rejects: the UPDATEs that move them as --remap says, or a
   * refusal that names them (never a deleted or silently changed job).
   */
  List<Remap> remapOrRefuse(PgStatusColumn table, StatusChangePlan plan)
      throws SQLException {
    Map<String, Long> offending = new LinkedHashMap<>();
    Map<String, List<Long>> ids = new LinkedHashMap<>();
    try (PreparedStatement q = c.prepareStatement("SELECT status::text, count(*),"
        + " (array_agg(id ORDER BY id))[1:5] FROM " + table.qualifiedTable()
        + " WHERE status::text <> ALL (?) GROUP BY 1 ORDER BY 2 DESC")) {
      q.setArray(1, c.createArrayOf("text", plan.values().toArray()));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          offending.put(rs.getString(1), rs.getLong(2));
          List<Long> some = new ArrayList<>();
          for (Object id : (Object[]) rs.getArray(3).getArray()) {
            some.add(((Number) id).longValue());
          }
          ids.put(rs.getString(1), some);
        }
      }
    }
    List<String> unmapped = new ArrayList<>();
    List<Remap> updates = new ArrayList<>();
    for (Map.Entry<String, Long> o : offending.entrySet()) {
      String target = plan.remap().get(o.getKey());
      long rows = o.getValue();
      if (target == null) {
        unmapped.add(o.getKey() + " (" + rows + (rows == 1 ? " row, id " : " rows, ids ")
            + String.join(", ", ids.get(o.getKey()).stream().map(String::valueOf).toList())
            + (rows > ids.get(o.getKey()).size() ? ", ..." : "") + ")");
      } else if (!plan.values().contains(target)) {
        throw new JobdbException(ExitCode.REFUSED, "--remap " + o.getKey() + "=" + target
            + " maps to a status the constraint rejects; map to one of: "
            + String.join(", ", plan.values()));
      } else {
        updates.add(new Remap(o.getKey(), target, "UPDATE " + table.qualifiedTable()
            + " SET status = " + literal(target) + " WHERE status = " + literal(o.getKey())
            + " RETURNING id"));
        notes.add("remapped " + o.getKey() + " -> " + target + ": " + rows
            + (rows == 1 ? " row" : " rows"));
      }
    }
    if (!unmapped.isEmpty()) {
      throw new JobdbException(ExitCode.REFUSED, "refused: job_queue has rows in statuses the"
          + " narrower constraint rejects: " + String.join("; ", unmapped) + ". Nothing was"
          + " changed. Either map each with --remap " + suggestion(offending, plan.values())
          + ", or keep the migration");
    }
    return updates;
  }

  private static String suggestion(Map<String, Long> offending, List<String> allowed) {
    String fallback = allowed.contains("failed") ? "failed" : allowed.get(0);
    return String.join(",", offending.keySet().stream().map(s -> s + "="
        + (s.equals("retrying") && allowed.contains("pending") ? "pending" : fallback)).toList());
  }
}
