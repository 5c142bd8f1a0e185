package dev.jobdb.engine.sqlite.change;

import dev.jobdb.db.LiveTable;
import dev.jobdb.db.ColumnInfo;
import dev.jobdb.db.SchemaEntry;
import dev.jobdb.db.TableChecks;
import dev.jobdb.db.ValueCount;
import dev.jobdb.db.SqlRunner;
import dev.jobdb.db.StatementKind;
import dev.jobdb.db.IntegrityCheck;

import static dev.jobdb.db.SqlQuoting.quoted;
import static dev.jobdb.db.SqlQuoting.sameName;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sqlite.SQLiteException;

/**
 * Replaces a table's definition with SQLite's procedure for changes ALTER TABLE cannot make
 * (https://www.sqlite.org/lang_altertable.html#otheralter), inside the caller's transaction, and
 * verifies the result before the caller commits.
 *
 * <p>The caller opens the connection with foreign keys off (sqlite-jdbc's default; the pragma is a
 * no-op inside a transaction, and with it on DROP TABLE would cascade into child tables), switches
 * autocommit off, calls {@link #rebuild}, and commits, or rolls back on any exception. Opening the
 * transaction with {@code BEGIN IMMEDIATE} (sqlite-jdbc: {@code
 * SQLiteConfig.setTransactionMode(IMMEDIATE)}) is best; otherwise the rebuild's first statement
 * takes the write lock, and the caller must not read before calling it.
 */
public final class TableRebuilder {
  private static final String TEMPORARY_SUFFIX = "__jobdb_rebuild";

  private final RebuildOptions options;

  public TableRebuilder() {
    this(RebuildOptions.defaults());
  }

  public TableRebuilder(RebuildOptions options) {
    this.options = options;
  }

  /**
   * Rebuilds {@code table} with {@code newCreateSql} and verifies it.
   *
   * @param newCreateSql the complete new CREATE TABLE statement, naming {@code table}
   * @param countedColumn whose per-value row counts must be equal before and after
   * @throws RebuildVerificationException when anything but the definition differs afterwards
   * @throws JobdbException when a step fails (the caller rolls back) or the table cannot be rebuilt
   * @throws SQLException when the database cannot be read
   */
  public RebuildResult rebuild(
      Connection c, String table, String newCreateSql, String countedColumn) throws SQLException {
    requireCallerTransaction(c);
    CreateTableStatement newTable = parseFor(table, newCreateSql);
    SqlRunner sql = new SqlRunner(c);
    StepClock clock = new StepClock(options.progress(), table);

    clock.run(RebuildStep.LOCK, "", () -> lock(sql, table));
    Baseline before = baseline(sql, clock, table, countedColumn);
    RebuildPlan plan = clock.run(RebuildStep.INSPECT, "", () -> plan(sql, before.table, newTable));
    long rowsCopied = 0;
    String createdSql = null;
    for (RebuildPlan.Step step : plan.steps()) {
      long changed = step.step() == RebuildStep.COPY
          ? clock.run(step.step(), detail(step, before.rows()), () -> copy(sql, step, before))
          : clock.run(step.step(), detail(step, before.rows()), () -> execute(sql, step, table));
      if (step.step() == RebuildStep.CREATE) {
        createdSql = TableChecks.tableSql(sql, plan.temporaryTable(), StatementKind.VERIFY);
        requireSameColumns(sql, before.table, plan.temporaryTable());
      } else if (step.step() == RebuildStep.COPY) {
        rowsCopied = changed;
      }
    }
    Verified after = verify(sql, clock, before, rowsCopied, createdSql);

    return new RebuildResult(
        before.table.name(),
        plan.temporaryTable(),
        rowsCopied,
        after.counts,
        before.table.indexes().stream().map(SchemaEntry::name).toList(),
        before.table.triggers().stream().map(SchemaEntry::name).toList(),
        after.table.sequence(),
        before.table.sql(),
        after.table.sql(),
        clock.timings(),
        clock.total(),
        sql.log());
  }

  /** What the verification compares against, read under the write lock before any change. */
  private record Baseline(
      LiveTable table,
      String countedColumn,
      List<SchemaEntry> schema,
      List<ValueCount> counts,
      List<String> foreignKeyTables,
      Set<String> violations,
      boolean checksIgnored) {
    long rows() {
      return TableChecks.total(counts);
    }
  }

  private record Verified(LiveTable table, List<ValueCount> counts) {}

  private static Baseline baseline(SqlRunner sql, StepClock clock, String table, String column)
      throws SQLException {
    LiveTable live =
        clock.run(RebuildStep.INSPECT, "", () -> LiveTable.read(sql, table, StatementKind.INSPECT));
    String counted = columnName(live, column);
    List<SchemaEntry> schema =
        clock.run(RebuildStep.INSPECT, "", () -> TableChecks.schemaExcept(sql, live.name()));
    List<ValueCount> counts = clock.run(RebuildStep.COUNT_BEFORE, "",
        () -> TableChecks.valueCounts(sql, live.name(), counted));
    List<String> foreignKeyTables = foreignKeyTables(live);
    Set<String> violations = clock.run(RebuildStep.FOREIGN_KEYS_BEFORE, "",
        () -> TableChecks.foreignKeyViolations(sql, foreignKeyTables));
    // With ignore_check_constraints on, the copy's INSERT would not enforce the new CHECK: then
    // only quick_check, which evaluates it row by row, proves every row satisfies it.
    boolean checksIgnored = sql.query(StatementKind.INSPECT, "PRAGMA ignore_check_constraints",
        rs -> rs.getInt(1) == 1).get(0);
    return new Baseline(live, counted, schema, counts, foreignKeyTables, violations,
        checksIgnored);
  }

  /** Compares everything with the baseline; throws naming every difference. */
  private Verified verify(
      SqlRunner sql, StepClock clock, Baseline before, long rowsCopied, String createdSql)
      throws SQLException {
    String name = before.table.name();
    RebuildVerifier verifier = new RebuildVerifier(name);
    verifier.expectEqual("rows copied", before.rows(), rowsCopied);
    List<ValueCount> counts = clock.run(RebuildStep.COUNT_AFTER, "",
        () -> TableChecks.valueCounts(sql, name, before.countedColumn));
    verifier.compareCounts(before.countedColumn, before.counts, counts);
    Set<String> violations = clock.run(RebuildStep.FOREIGN_KEYS_AFTER, "",
        () -> TableChecks.foreignKeyViolations(sql, before.foreignKeyTables));
    verifier.compareForeignKeys(before.violations, violations);
    IntegrityCheck check = before.checksIgnored && options.integrityCheck() == IntegrityCheck.PAGES
        ? IntegrityCheck.QUICK : options.integrityCheck();
    Map<String, TableChecks.BtreeEntries> entries = check != IntegrityCheck.PAGES ? null
        : clock.run(RebuildStep.INTEGRITY_CHECK, "(" + check.pragma() + ")",
            () -> pageWalk(sql, name, before.table.withoutRowid()));
    if (entries != null) {
      verifier.compareEntries(before.rows(), entries);
    } else {
      IntegrityCheck pragma = check == IntegrityCheck.PAGES ? IntegrityCheck.QUICK : check;
      List<String> integrity = clock.run(RebuildStep.INTEGRITY_CHECK, "(" + pragma.pragma() + ")",
          () -> TableChecks.integrity(sql, pragma, name));
      verifier.compareIntegrity(pragma, integrity);
    }
    LiveTable table = clock.run(RebuildStep.SCHEMA_CHECK, "",
        () -> LiveTable.read(sql, name, StatementKind.VERIFY));
    List<SchemaEntry> schema =
        clock.run(RebuildStep.SCHEMA_CHECK, "", () -> TableChecks.schemaExcept(sql, name));
    verifier.compareTables(before.table, table);
    verifier.compareSchema(before.schema, schema);
    verifier.compareDefinition(createdSql, table.sql());
    verifier.throwIfDifferent();
    return new Verified(table, counts);
  }

  /** The page walk; null when this SQLite was built without {@code dbstat}. */
  private static Map<String, TableChecks.BtreeEntries> pageWalk(SqlRunner sql, String table,
      boolean withoutRowid) throws SQLException {
    try {
      return TableChecks.btreeEntries(sql, table, withoutRowid);
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("no such table: dbstat")) {
        return null;
      }
      throw e;
    }
  }

  /**
   * The statements {@link #rebuild} would run to change the database (its {@link
   * StatementKind#CHANGE} statements), for a dry run: reads the schema only, works on a read-only
   * connection, changes nothing. Run inside one {@code BEGIN IMMEDIATE ... COMMIT} with foreign
   * keys off they perform the rebuild without its checks.
   */
  public List<String> plan(Connection c, String table, String newCreateSql) throws SQLException {
    CreateTableStatement newTable = parseFor(table, newCreateSql);
    SqlRunner sql = new SqlRunner(c);
    LiveTable live = LiveTable.read(sql, table, StatementKind.INSPECT);
    return plan(sql, live, newTable).changeStatements();
  }

  private RebuildPlan plan(SqlRunner sql, LiveTable live, CreateTableStatement newTable)
      throws SQLException {
    boolean legacyAlterTable = sql.query(StatementKind.INSPECT, "PRAGMA legacy_alter_table",
        rs -> rs.getInt(1) == 1).get(0);
    return RebuildPlan.of(live, newTable, unusedName(sql, live.name() + TEMPORARY_SUFFIX),
        legacyAlterTable);
  }

  private static CreateTableStatement parseFor(String table, String newCreateSql) {
    CreateTableStatement newTable = CreateTableStatement.parse(newCreateSql);
    if (!sameName(newTable.name(), table)) {
      throw new IllegalArgumentException(
          "the new definition creates " + newTable.name() + ", not " + table);
    }
    return newTable;
  }

  private static void requireCallerTransaction(Connection c) throws SQLException {
    if (c.getAutoCommit()) {
      throw new IllegalStateException(
          "autocommit is on: the rebuild runs inside the caller's transaction, which commits it");
    }
    boolean foreignKeys;
    try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA foreign_keys")) {
      foreignKeys = rs.next() && rs.getInt(1) == 1;
    }
    if (foreignKeys) {
      throw new IllegalStateException("foreign keys are on: DROP TABLE would cascade into child"
          + " tables, and the pragma cannot be switched off inside a transaction; open the"
          + " connection with foreign keys off (sqlite-jdbc's default)");
    }
  }

  private static String lockStatement(String table) {
    return "DELETE FROM " + quoted(table) + " WHERE 0";
  }

  /**
   * A write that changes nothing takes the write lock (waiting out other writers per the busy
   * timeout) before anything is read, so everything read below is what gets changed.
   */
  private static Void lock(SqlRunner sql, String table) throws SQLException {
    try {
      sql.update(StatementKind.LOCK, lockStatement(table));
      return null;
    } catch (SQLException e) {
      String code = e instanceof SQLiteException s ? s.getResultCode().name() : "";
      if (code.equals("SQLITE_BUSY_SNAPSHOT")) {
        throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "another connection wrote to the"
            + " database after this transaction first read it, so it cannot write: start the"
            + " transaction with BEGIN IMMEDIATE and rebuild " + table + " first", e);
      }
      if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
        throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "another connection held the write"
            + " lock past the busy timeout, so " + table + " was not rebuilt: retry when the app is"
            + " idle or raise --busy-timeout", e);
      }
      LiveTable.read(sql, table, StatementKind.INSPECT); // names a missing table or a view
      throw e;
    }
  }

  /** The copy, in ranges of row ids so that a long one can report its progress in percent. */
  private long copy(SqlRunner sql, RebuildPlan.Step step, Baseline before) {
    String table = before.table.name();
    try {
      return RangedCopy.run(sql, step.statements().get(0), before.table, before.rows(),
          options.progress(), "rebuild " + table + ": " + step.step().description());
    } catch (SQLException e) {
      throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "rebuilding " + table + " failed while "
          + step.step().description() + " (" + oneLine(e.getMessage()) + "), so the change is"
          + " rolled back", e);
    }
  }

  private static long execute(SqlRunner sql, RebuildPlan.Step step, String table) {
    long changed = 0;
    try {
      try {
        for (String statement : step.statements()) {
          changed += sql.update(StatementKind.CHANGE, statement);
        }
      } finally {
        if (step.always() != null) {
          sql.update(StatementKind.CHANGE, step.always());
        }
      }
    } catch (SQLException e) {
      throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "rebuilding " + table + " failed while "
          + step.step().description() + " (" + oneLine(e.getMessage()) + "), so the change is"
          + " rolled back", e);
    }
    return changed;
  }

  private static void requireSameColumns(SqlRunner sql, LiveTable before, String newTableName)
      throws SQLException {
    List<ColumnInfo> columns = TableChecks.columns(sql, newTableName, StatementKind.VERIFY);
    if (!columns.equals(before.columns())) {
      throw new RebuildVerificationException(before.name(), List.of(
          "the new definition has other columns: before " + before.columns() + ", after "
              + columns));
    }
  }

  private static String columnName(LiveTable table, String column) {
    return table.columns().stream()
        .filter(c -> sameName(c.name(), column))
        .map(ColumnInfo::name)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "no column " + column + " in " + table.name() + " to count rows by"));
  }

  private static List<String> foreignKeyTables(LiveTable table) {
    List<String> tables = new ArrayList<>();
    tables.add(table.name());
    tables.addAll(table.referencingTables());
    return tables;
  }

  /** Not used by any schema object, in main or in this connection's temp schema. */
  private static String unusedName(SqlRunner sql, String base) throws SQLException {
    Set<String> taken = Set.copyOf(sql.queryStrings(StatementKind.INSPECT,
        "SELECT lower(name) FROM sqlite_schema UNION SELECT lower(name) FROM sqlite_temp_schema"));
    String name = base;
    for (int i = 2; taken.contains(name.toLowerCase(Locale.ROOT)); i++) {
      name = base + "_" + i;
    }
    return name;
  }

  private static String detail(RebuildPlan.Step step, long rows) {
    return switch (step.step()) {
      case COPY -> "(" + rows + " rows)";
      case INDEXES, TRIGGERS -> "(" + step.statements().size() + ")";
      default -> "";
    };
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s+", " ").strip();
  }
}
