package dev.jobdb.engine.sqlite.change;

import dev.jobdb.db.ColumnInfo;
import dev.jobdb.db.SqlQuoting;
import dev.jobdb.db.SqlRunner;
import dev.jobdb.db.StatementKind;
import dev.jobdb.db.TableChecks;
import dev.jobdb.schema.parse.CreateTableParser;
import dev.jobdb.schema.parse.SqlTokenizer;
import dev.jobdb.schema.parse.StatusCheck;
import dev.jobdb.schema.StatusCheckRewriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an in-place change of a column's CHECK does, worked out from the stored CREATE TABLE text
 * before anything changes: which CHECKs go by name, which by editing the stored text (and that text),
 * and the clause ADD CONSTRAINT appends.
 *
 * @param table the table's stored name
 * @param tableSqlBefore the stored CREATE TABLE text
 * @param tableSqlWithoutChecks that text without the unnamed CHECKs on the column, every other
 *     character kept (equal to {@code tableSqlBefore} when there are none)
 * @param newClause {@code CONSTRAINT name CHECK (column IN (...))}
 */
record InPlacePlan(
    String table,
    String column,
    List<String> allowedValues,
    String constraintName,
    String tableSqlBefore,
    List<StatusCheck> unnamedChecks,
    List<StatusCheck> namedChecks,
    String tableSqlWithoutChecks,
    String newClause) {

  /** The first SQLite with ALTER TABLE ADD CONSTRAINT and DROP CONSTRAINT. */
  static final String FIRST_SQLITE = "3.53.0";

  /**
   * @param checks the CHECKs on the column, all plain IN lists (the rewrite refused any other)
   */
  static InPlacePlan of(String table, String tableSql, String column, List<String> allowedValues,
      String constraintName, List<StatusCheck> checks) {
    List<StatusCheck> unnamed = checks.stream().filter(c -> c.constraintName() == null).toList();
    List<StatusCheck> named = checks.stream().filter(c -> c.constraintName() != null).toList();
    return new InPlacePlan(table, column, List.copyOf(allowedValues), constraintName, tableSql,
        unnamed, named, StatusCheckRewriter.without(tableSql, unnamed),
        StatusCheckRewriter.clause(column, allowedValues, constraintName));
  }

  /**
   * Why this SQLite or this table cannot be changed in place, or empty when it can: SQLite older
   * than 3.53, or an edited text that SQLite does not read as the same columns.
   */
  Optional<String> whyNot(Connection c, List<ColumnInfo> liveColumns) throws SQLException {
    SqlRunner sql = new SqlRunner(c);
    String version = sql.queryStrings(StatementKind.INSPECT, "SELECT sqlite_version()").get(0);
    if (compareVersions(version, FIRST_SQLITE) < 0) {
      return Optional.of("SQLite " + version + " has no ALTER TABLE ADD/DROP CONSTRAINT (needs "
          + FIRST_SQLITE + ")");
    }
    if (unnamedChecks.isEmpty()) {
      return Optional.empty();
    }
    return tryEditedText(liveColumns);
  }

  /**
   * The stored text SQLite itself makes of this change, made on a blank in-memory database from
   * the live text: the unnamed CHECKs taken out, the named ones dropped ({@code beforeAdd}), then
   * the new clause added ({@code after}). Storing {@code after} directly changes the definition
   * exactly as DROP/ADD CONSTRAINT would, without ADD's read of every row.
   */
  StoredTexts storedTexts() throws SQLException {
    try (Connection blank = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement s = blank.createStatement()) {
      s.execute(tableSqlWithoutChecks);
      for (StatusCheck named : namedChecks) {
        s.execute("ALTER TABLE " + SqlQuoting.quoted(table) + " DROP CONSTRAINT "
            + SqlQuoting.quoted(named.constraintName()));
      }
      String beforeAdd = storedSql(blank);
      s.execute("ALTER TABLE " + SqlQuoting.quoted(table) + " ADD " + newClause);
      return new StoredTexts(beforeAdd, storedSql(blank));
    }
  }

  /** The table's text before and after the ADD, as SQLite stores them. */
  record StoredTexts(String beforeAdd, String after) {}

  private String storedSql(Connection c) throws SQLException {
    return TableChecks.tableSql(new SqlRunner(c), table, StatementKind.INSPECT);
  }

  /** SQLite's advice: try the edited text on a blank database before storing it. */
  private Optional<String> tryEditedText(List<ColumnInfo> liveColumns) throws SQLException {
    try (Connection blank = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      try (Statement s = blank.createStatement()) {
        s.execute(tableSqlWithoutChecks);
      } catch (SQLException e) {
        return Optional.of("the definition without its unnamed CHECK does not parse ("
            + e.getMessage().replaceAll("\\s+", " ").strip() + ")");
      }
      List<ColumnInfo> columns = TableChecks.columns(new SqlRunner(blank), table,
          StatementKind.INSPECT);
      if (!columns.equals(liveColumns)) {
        return Optional.of("the definition without its unnamed CHECK has other columns: "
            + columns + " instead of " + liveColumns);
      }
      return Optional.empty();
    }
  }

  /**
   * Null when {@code storedAfter} is the text before with only the CHECKs exchanged, else what
   * differs:
   *
   * <ul>
   *   <li>exactly one CHECK on the column, named {@code constraintName}, allowing exactly the new
   *       values;
   *   <li>without it, the same tokens as the text before without the old CHECKs (DROP CONSTRAINT
   *       takes the whitespace around a clause its own way);
   *   <li>ADD CONSTRAINT inserted its clause before the closing parenthesis and changed no other
   *       character of {@code beforeAdd}, the stored text just before it ran;
   *   <li>the text jobdb stored itself is exactly the text before minus the unnamed CHECKs.
   * </ul>
   */
  String definitionProblem(String beforeAdd, String storedAfter) {
    List<StatusCheck> checks = StatusCheckRewriter.find(storedAfter, column);
    if (checks.size() != 1 || checks.get(0).constraintName() == null
        || !checks.get(0).constraintName().equalsIgnoreCase(constraintName)
        || !checks.get(0).isInList() || !checks.get(0).allowedValues().equals(allowedValues)) {
      return "the stored definition does not hold exactly the new constraint " + newClause
          + ": " + storedAfter;
    }
    List<StatusCheck> old = new ArrayList<>(unnamedChecks);
    old.addAll(namedChecks);
    if (!tokens(StatusCheckRewriter.without(storedAfter, checks))
        .equals(tokens(StatusCheckRewriter.without(tableSqlBefore, old)))) {
      return "the stored definition changed beyond the constraint: before " + tableSqlBefore
          + ", after " + storedAfter;
    }
    int close = CreateTableParser.parse(beforeAdd).bodyClose();
    String head = beforeAdd.substring(0, close);
    String tail = beforeAdd.substring(close);
    boolean kept = storedAfter.length() > head.length() + tail.length()
        && storedAfter.startsWith(head) && storedAfter.endsWith(tail);
    String added = kept
        ? storedAfter.substring(head.length(), storedAfter.length() - tail.length()).strip() : "";
    if (!added.startsWith(",") || !added.substring(1).strip().equals(newClause)) {
      return "ADD CONSTRAINT changed more than it added: before " + beforeAdd + ", after "
          + storedAfter;
    }
    if (namedChecks.isEmpty() && !beforeAdd.equals(tableSqlWithoutChecks)) {
      return "the stored definition is not the text jobdb wrote: wrote " + tableSqlWithoutChecks
          + ", stored " + beforeAdd;
    }
    return null;
  }

  private static List<String> tokens(String sql) {
    return SqlTokenizer.tokenize(sql).stream().map(t -> t.type() + " " + t.text()).toList();
  }

  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? Integer.parseInt(x[i].replaceAll("\\D.*", "")) : 0;
      int q = i < y.length ? Integer.parseInt(y[i].replaceAll("\\D.*", "")) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }
}
