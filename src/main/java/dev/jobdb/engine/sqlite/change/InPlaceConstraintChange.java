package dev.jobdb.engine.sqlite.change;

import static dev.jobdb.db.SqlQuoting.literal;
import static dev.jobdb.db.SqlQuoting.quoted;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.db.LiveTable;
import dev.jobdb.db.SchemaEntry;
import dev.jobdb.db.SqlRunner;
import dev.jobdb.db.StatementKind;
import dev.jobdb.db.TableChecks;
import dev.jobdb.db.DistinctValues;
import dev.jobdb.db.ValueCount;
import dev.jobdb.schema.parse.StatusCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.sqlite.SQLiteException;

/**
 * Changes the CHECK on one column without rewriting a row, inside the caller's transaction:
 *
 * <ol>
 *   <li>a named CHECK goes with {@code ALTER TABLE ... DROP CONSTRAINT} (SQLite 3.53+);
 *   <li>an unnamed one (every deployed database, and the app's own fix) goes by the procedure
 *       SQLite documents for schema changes that leave stored content alone
 *       (https://www.sqlite.org/lang_altertable.html#otheralter, after the 12 steps):
 *       {@code writable_schema}, the stored CREATE TABLE text without exactly that CHECK's text,
 *       the schema cookie incremented so every other connection re-reads the schema;
 *   <li>{@code ALTER TABLE ... ADD CONSTRAINT name CHECK (...)} adds the new one, and SQLite itself
 *       checks every row against it.
 * </ol>
 *
 * <p>When every row already holds one of the new values (found by seeks in the status index:
 * microseconds at any size), none of that reads a row: the stored text SQLite's DROP/ADD would
 * make (worked out on a blank in-memory copy of the definition) is stored in one step by the same
 * documented procedure, which is for exactly such changes. The write lock then lasts a few reads
 * of sqlite_schema, whatever the table's size.
 *
 * <p>The edited text is tried in a blank in-memory database first (SQLite's own advice: a wrong
 * text makes the database unreadable). Everything happens in the caller's transaction, so a kill
 * at any moment leaves the old definition or the new one; then everything the change must not
 * touch is compared before the caller commits.
 */
final class InPlaceConstraintChange {
  private final Consumer<String> progress;

  InPlaceConstraintChange(Consumer<String> progress) {
    this.progress = progress;
  }

  /**
   * What the change did; the caller still has to commit.
   *
   * @param rows rows SQLite checked against the new constraint; null when no row was read (every
   *     row already held one of the new values)
   * @param probe how the values the rows hold were found (index seeks, or a read of every row)
   */
  record Result(Long rows, int checksRemovedFromText, int constraintsDropped, Duration took,
      List<String> statements, String probe) {}

  /**
   * @param plan from {@link InPlacePlan#of}, read in this transaction
   * @throws Unavailable when SQLite refuses a step for a reason a rebuild does not
   *     have (the caller rolls back to before this call and rebuilds)
   * @throws RebuildVerificationException when anything but the constraint differs afterwards
   */
  Result apply(Connection c, InPlacePlan plan) throws SQLException {
    long started = System.nanoTime();
    SqlRunner sql = new SqlRunner(c);
    String table = plan.table();
    step(table, "taking the write lock");
    sql.update(StatementKind.LOCK, "DELETE FROM " + quoted(table) + " WHERE 0");
    step(table, "reading the live schema and the values " + plan.column() + " holds");
    DistinctValues held = DistinctValues.of(sql, table, plan.column());
    // Every row holds a new value already: the definition alone changes, no row is read.
    boolean definitionOnly = held.allWithin(plan.allowedValues());
    Baseline before = Baseline.read(sql, table, plan.column(), definitionOnly ? List.of() : null);
    if (!before.table().sql().equals(plan.tableSqlBefore())) {
      throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "the definition of " + table
          + " changed while jobdb planned the change, so nothing was changed: run again");
    }
    String beforeAdd;
    if (definitionOnly) {
      step(table, "storing the new definition (no row read: every row holds a new value)");
      InPlacePlan.StoredTexts texts = plan.storedTexts();
      storeText(sql, plan, texts.after());
      beforeAdd = texts.beforeAdd();
    } else {
      if (!plan.unnamedChecks().isEmpty()) {
        step(table, "removing the unnamed CHECK from the stored definition");
        storeText(sql, plan, plan.tableSqlWithoutChecks());
      }
      for (StatusCheck named : plan.namedChecks()) {
        step(table, "dropping constraint " + named.constraintName());
        alter(sql, "ALTER TABLE " + quoted(table) + " DROP CONSTRAINT "
            + quoted(named.constraintName()));
      }
      beforeAdd = TableChecks.tableSql(sql, table, StatementKind.VERIFY);
      step(table, "adding " + plan.constraintName() + " (SQLite checks every row)");
      alter(sql, "ALTER TABLE " + quoted(table) + " ADD " + plan.newClause());
    }
    step(table, "comparing columns, indexes, triggers, views and foreign keys");
    reloadSchema(sql);
    Baseline after = Baseline.read(sql, table, plan.column(), definitionOnly ? List.of() : null);
    verify(plan, before, beforeAdd, after);
    return new Result(definitionOnly ? null : TableChecks.total(after.counts()),
        plan.unnamedChecks().size(), plan.namedChecks().size(),
        Duration.ofNanos(System.nanoTime() - started),
        sql.log().stream().filter(s -> s.kind() == StatementKind.CHANGE).map(s -> s.sql())
            .toList(), describe(held));
  }

  private static String describe(DistinctValues held) {
    String values = held.values().size() + (held.values().size() == 1 ? " value" : " values");
    return held.index() != null
        ? values + " found by " + (held.values().size() + 1) + " seeks in index " + held.index()
        : values + " found by reading every row (no index leads with the column)";
  }

  /**
   * SQLite's documented procedure for changes that leave every stored row valid: writable_schema,
   * the new text, the schema cookie plus one (so the app's connections notice the change and
   * re-read the schema), writable_schema off again.
   */
  private static void storeText(SqlRunner sql, InPlacePlan plan, String text)
      throws SQLException {
    long version = sql.query(StatementKind.INSPECT, "PRAGMA schema_version",
        rs -> rs.getLong(1)).get(0);
    sql.update(StatementKind.CHANGE, "PRAGMA writable_schema = ON");
    try {
      boolean writable = sql.query(StatementKind.INSPECT, "PRAGMA writable_schema",
          rs -> rs.getInt(1) == 1).get(0);
      if (!writable) {
        throw new Unavailable("this SQLite refuses PRAGMA writable_schema"
            + " (defensive mode), so the stored definition cannot be edited in place");
      }
      long changed = sql.update(StatementKind.CHANGE, "UPDATE sqlite_schema SET sql = "
          + literal(text) + " WHERE type = 'table' AND name = "
          + literal(plan.table()) + " AND sql = " + literal(plan.tableSqlBefore()));
      if (changed != 1) {
        throw new IllegalStateException("expected to update 1 definition of " + plan.table()
            + ", updated " + changed);
      }
      sql.update(StatementKind.CHANGE, "PRAGMA schema_version = " + (version + 1));
    } finally {
      // RESET also makes this connection re-read the schema: a text SQLite cannot parse fails now,
      // inside the transaction, instead of after the commit.
      sql.update(StatementKind.CHANGE, "PRAGMA writable_schema = RESET");
    }
    sql.query(StatementKind.VERIFY, "SELECT count(*) FROM sqlite_schema", rs -> rs.getLong(1));
  }

  /** Makes SQLite parse every schema entry again; a parse error fails here, before the commit. */
  private static void reloadSchema(SqlRunner sql) throws SQLException {
    sql.update(StatementKind.VERIFY, "PRAGMA writable_schema = RESET");
    sql.query(StatementKind.VERIFY, "SELECT count(*) FROM sqlite_schema", rs -> rs.getLong(1));
  }

  private static void alter(SqlRunner sql, String statement) throws SQLException {
    try {
      sql.update(StatementKind.CHANGE, statement);
    } catch (SQLiteException e) {
      String code = e.getResultCode().name();
      if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")
          || code.startsWith("SQLITE_CONSTRAINT")) {
        throw e;
      }
      throw new Unavailable("SQLite refused " + statement + ": "
          + oneLine(e.getMessage()), e);
    }
  }

  private static void verify(InPlacePlan plan, Baseline before, String beforeAdd,
      Baseline after) {
    RebuildVerifier verifier = new RebuildVerifier(plan.table());
    verifier.compareTables(before.table(), after.table());
    verifier.compareSchema(before.schema(), after.schema());
    verifier.compareCounts(plan.column(), before.counts(), after.counts());
    if (!before.foreignKeys().equals(after.foreignKeys())) {
      verifier.difference("foreign keys: before " + before.foreignKeys() + ", after "
          + after.foreignKeys());
    }
    String problem = plan.definitionProblem(beforeAdd, after.table().sql());
    if (problem != null) {
      verifier.difference(problem);
    }
    verifier.throwIfDifferent();
  }

  private void step(String table, String what) {
    progress.accept("change " + table + " in place: " + what);
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s+", " ").strip();
  }

  /** What the verification compares, read under the write lock. */
  private record Baseline(LiveTable table, List<SchemaEntry> schema, List<ValueCount> counts,
      List<String> foreignKeys) {
    static Baseline read(SqlRunner sql, String table, String column, List<ValueCount> counts)
        throws SQLException {
      LiveTable live = LiveTable.read(sql, table, StatementKind.VERIFY);
      return new Baseline(live, TableChecks.schemaExcept(sql, live.name()),
          counts != null ? counts : TableChecks.valueCounts(sql, live.name(), column),
          sql.queryStrings(StatementKind.VERIFY, "SELECT id || ' ' || seq || ' ' || \"table\""
              + " || '.' || quote(\"to\") || ' from ' || \"from\" || ' ' || on_update || ' '"
              + " || on_delete || ' ' || \"match\" FROM pragma_foreign_key_list("
              + literal(live.name()) + ") ORDER BY id, seq"));
    }
  }

  /**
   * SQLite refused a step for a reason a rebuild does not have (defensive mode, an ALTER TABLE it
   * will not run on this schema); the caller undoes the attempt and rebuilds, saying why.
   */
  static final class Unavailable extends RuntimeException {
    Unavailable(String reason) {
      super(reason);
    }

    Unavailable(String reason, Throwable cause) {
      super(reason, cause);
    }
  }
}
