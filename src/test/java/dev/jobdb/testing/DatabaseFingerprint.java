package dev.jobdb.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.sqlite.SQLiteConfig;

/**
 * Everything about a SQLite database that a change could disturb, in comparable form: every row of
 * every table (row id, then each value with its storage class), every {@code sqlite_schema} entry,
 * the AUTOINCREMENT counters, the header pragmas, each table's columns and foreign keys.
 *
 * <p>Tests take one before and one after and assert they are equal, except for the one thing the
 * change meant to change: {@code assertThat(before.differencesFrom(after)).isEmpty()}.
 *
 * @param pragmas user_version, application_id, journal_mode, page_size, auto_vacuum, encoding
 * @param schema {@code type name -> sql} (tbl_name appended), sorted
 * @param rows {@code table -> rows}, each row rendered as {@code rowid typeof:quote(value) ...}
 *     (no row id for WITHOUT ROWID tables and SQLite's own {@code sqlite_*} tables)
 * @param sequences {@code sqlite_sequence} as {@code name -> seq}
 * @param columns {@code table -> PRAGMA table_xinfo rows}
 * @param foreignKeys {@code table -> PRAGMA foreign_key_list rows}
 */
public record DatabaseFingerprint(
    Map<String, String> pragmas,
    Map<String, String> schema,
    Map<String, List<String>> rows,
    Map<String, Long> sequences,
    Map<String, List<String>> columns,
    Map<String, List<String>> foreignKeys) {

  private static final List<String> PRAGMAS = List.of(
      "user_version", "application_id", "journal_mode", "page_size", "auto_vacuum", "encoding");

  /** Reads the database through a fresh read-only connection. */
  public static DatabaseFingerprint of(Path db) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection c = config.createConnection("jdbc:sqlite:" + db)) {
      return of(c);
    }
  }

  public static DatabaseFingerprint of(Connection c) throws SQLException {
    Map<String, String> pragmas = new LinkedHashMap<>();
    for (String pragma : PRAGMAS) {
      pragmas.put(pragma, strings(c, "PRAGMA " + pragma).get(0));
    }
    Map<String, String> schema = new TreeMap<>();
    List<String> tables = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_schema")) {
      while (rs.next()) {
        schema.put(rs.getString(1) + " " + rs.getString(2),
            "on " + rs.getString(3) + ": " + rs.getString(4));
        if (rs.getString(1).equals("table")) {
          tables.add(rs.getString(2));
        }
      }
    }
    Map<String, List<String>> rows = new TreeMap<>();
    Map<String, List<String>> columns = new TreeMap<>();
    Map<String, List<String>> foreignKeys = new TreeMap<>();
    for (String table : tables) {
      columns.put(table, strings(c, "SELECT cid || ' ' || name || ' ' || type || ' notnull='"
          + " || \"notnull\" || ' default=' || quote(dflt_value) || ' pk=' || pk || ' hidden='"
          + " || hidden FROM pragma_table_xinfo(" + literal(table) + ") ORDER BY cid"));
      foreignKeys.put(table, strings(c, "SELECT id || ' ' || seq || ' ' || \"table\" || '.' ||"
          + " quote(\"to\") || ' from ' || \"from\" || ' on update ' || on_update"
          + " || ' on delete ' || on_delete || ' match ' || \"match\""
          + " FROM pragma_foreign_key_list(" + literal(table) + ") ORDER BY id, seq"));
      rows.put(table, rowsOf(c, table));
    }
    Map<String, Long> sequences = new TreeMap<>();
    if (tables.contains("sqlite_sequence")) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT name, seq FROM sqlite_sequence")) {
        while (rs.next()) {
          sequences.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return new DatabaseFingerprint(pragmas, schema, rows, sequences, columns, foreignKeys);
  }

  /** The same fingerprint without the stored SQL of one schema entry (the intended change). */
  public DatabaseFingerprint ignoringSqlOf(String type, String name) {
    Map<String, String> changed = new TreeMap<>(schema);
    changed.computeIfPresent(type + " " + name, (k, v) -> v.substring(0, v.indexOf(": ") + 2)
        + "<ignored>");
    return new DatabaseFingerprint(pragmas, changed, rows, sequences, columns, foreignKeys);
  }

  /** The same fingerprint without Liquibase's two bookkeeping tables (what jobdb adds). */
  public DatabaseFingerprint withoutLiquibaseTables() {
    java.util.function.Predicate<String> liquibase = key -> key.contains("DATABASECHANGELOG");
    Map<String, String> keptSchema = new TreeMap<>(schema);
    keptSchema.keySet().removeIf(liquibase);
    Map<String, List<String>> keptRows = new TreeMap<>(rows);
    keptRows.keySet().removeIf(liquibase);
    Map<String, List<String>> keptColumns = new TreeMap<>(columns);
    keptColumns.keySet().removeIf(liquibase);
    Map<String, List<String>> keptKeys = new TreeMap<>(foreignKeys);
    keptKeys.keySet().removeIf(liquibase);
    return new DatabaseFingerprint(pragmas, keptSchema, keptRows, sequences, keptColumns, keptKeys);
  }

  /** One line per difference, empty when equal; readable in a failed assertion. */
  public List<String> differencesFrom(DatabaseFingerprint other) {
    List<String> differences = new ArrayList<>();
    diff("pragma", pragmas, other.pragmas, differences);
    diff("schema", schema, other.schema, differences);
    diff("sqlite_sequence", sequences, other.sequences, differences);
    diff("columns of", columns, other.columns, differences);
    diff("foreign keys of", foreignKeys, other.foreignKeys, differences);
    for (String table : union(rows, other.rows)) {
      List<String> mine = rows.getOrDefault(table, List.of());
      List<String> theirs = other.rows.getOrDefault(table, List.of());
      if (!mine.equals(theirs)) {
        differences.add("rows of " + table + ": " + mine.size() + " vs " + theirs.size()
            + firstDifference(mine, theirs));
      }
    }
    return differences;
  }

  public List<String> rowsOf(String table) {
    return rows.get(table);
  }

  private static List<String> rowsOf(Connection c, String table) throws SQLException {
    List<String> names = strings(c, "SELECT name FROM pragma_table_xinfo(" + literal(table)
        + ") ORDER BY cid");
    boolean withoutRowid = strings(c, "SELECT wr FROM pragma_table_list WHERE schema = 'main'"
        + " AND name = " + literal(table)).get(0).equals("1");
    // SQLite's own tables (sqlite_sequence, sqlite_stat1, ...) are keyed by name; it deletes and
    // re-inserts their rows freely, so their row ids carry no meaning and are left out.
    boolean internal = table.startsWith("sqlite_");
    boolean keyedByRowid = !withoutRowid && !internal;
    StringBuilder select = new StringBuilder("SELECT ");
    select.append(keyedByRowid ? "_rowid_" : "''");
    for (String name : names) {
      String q = identifier(name);
      select.append(" || ' ' || typeof(").append(q).append(") || ':' || quote(").append(q)
          .append(")");
    }
    select.append(" FROM ").append(identifier(table));
    select.append(keyedByRowid ? " ORDER BY _rowid_" : " ORDER BY 1");
    return strings(c, select.toString());
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static <V> void diff(String what, Map<String, V> a, Map<String, V> b, List<String> out) {
    for (String key : union(a, b)) {
      if (!Objects.equals(a.get(key), b.get(key))) {
        out.add(what + " " + key + ": " + a.get(key) + " vs " + b.get(key));
      }
    }
  }

  private static java.util.SortedSet<String> union(Map<String, ?> a, Map<String, ?> b) {
    java.util.SortedSet<String> keys = new java.util.TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }

  private static String firstDifference(List<String> a, List<String> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i) : null;
      String y = i < b.size() ? b.get(i) : null;
      if (!Objects.equals(x, y)) {
        return "; first difference at row " + i + ": " + x + " vs " + y;
      }
    }
    return "";
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String identifier(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
