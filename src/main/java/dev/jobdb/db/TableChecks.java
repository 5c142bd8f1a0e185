package dev.jobdb.db;

import static dev.jobdb.db.SqlQuoting.literal;
import static dev.jobdb.db.SqlQuoting.quoted;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The reads the verification compares before and after a rebuild. */
public final class TableChecks {
  private static final String LEAF_CELLS = "CASE pagetype WHEN 'leaf' THEN ncell ELSE 0 END";

  private TableChecks() {}

  /**
   * Rows per value of {@code column}, most frequent first. With an index on the column SQLite
   * answers from the index alone.
   */
  public static List<ValueCount> valueCounts(SqlRunner sql, String table, String column)
      throws SQLException {
    String c = quoted(column);
    return sql.query(StatementKind.VERIFY,
            "SELECT " + c + ", typeof(" + c + "), count(*) FROM " + quoted(table)
                + " GROUP BY " + c,
            rs -> new ValueCount(rs.getString(1), rs.getString(2), rs.getLong(3)))
        .stream()
        .sorted(Comparator.comparingLong(ValueCount::count).reversed()
            .thenComparing(v -> String.valueOf(v.value())))
        .toList();
  }

  public static long total(List<ValueCount> counts) {
    return counts.stream().mapToLong(ValueCount::count).sum();
  }

  /**
   * Foreign key violations in the table and in the tables pointing at it, as {@code
   * table|rowid|parent|fkid}. A schema error (e.g. a parent key without a unique index) counts as
   * a violation too, so a rebuild that causes one is caught.
   */
  public static Set<String> foreignKeyViolations(SqlRunner sql, List<String> tables)
      throws SQLException {
    Set<String> violations = new LinkedHashSet<>();
    for (String table : tables) {
      try {
        violations.addAll(sql.query(StatementKind.VERIFY,
            "PRAGMA foreign_key_check(" + literal(table) + ")",
            rs -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|"
                + rs.getString(4)));
      } catch (SQLException e) {
        violations.add(table + "|error|" + e.getMessage());
      }
    }
    return violations;
  }

  /** Every schema entry except the table's own row: views, other tables, all indexes, triggers. */
  public static List<SchemaEntry> schemaExcept(SqlRunner sql, String table) throws SQLException {
    return sql.query(StatementKind.VERIFY,
        "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE NOT (type = 'table' AND name = "
            + literal(table) + ") ORDER BY type, name",
        rs -> new SchemaEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
  }

  /** The pragma's findings; {@code [ok]} when clean. */
  public static List<String> integrity(SqlRunner sql, IntegrityCheck check, String table)
      throws SQLException {
    return sql.queryStrings(StatementKind.VERIFY,
        "PRAGMA " + check.pragma() + "(" + literal(table) + ")");
  }

  /**
   * Entries in each b-tree of {@code table}, read page by page through {@code dbstat}: the rows
   * (leaf cells of a rowid table; every cell of a WITHOUT ROWID table, whose b-tree is an index
   * b-tree) under the table's own name, then one count per index, automatic ones included. A page
   * that does not decode as a b-tree page counts no cells (dbstat reports it, it does not fail), so
   * it shows as missing entries.
   */
  public static Map<String, BtreeEntries> btreeEntries(SqlRunner sql, String table,
      boolean withoutRowid) throws SQLException {
    Map<String, BtreeEntries> entries = new LinkedHashMap<>();
    entries.put(table, walk(sql, table, withoutRowid ? "ncell" : LEAF_CELLS, false));
    List<String[]> indexes = sql.query(StatementKind.VERIFY,
        "SELECT name, partial FROM pragma_index_list(" + literal(table) + ")"
            // a WITHOUT ROWID table's primary key is the table's own b-tree, walked above
            + (withoutRowid ? " WHERE origin <> 'pk'" : "") + " ORDER BY name",
        rs -> new String[] {rs.getString(1), rs.getString(2)});
    for (String[] index : indexes) {
      entries.put(index[0], walk(sql, index[0], "ncell", index[1].equals("1")));
    }
    return entries;
  }

  private static BtreeEntries walk(SqlRunner sql, String btree, String cells, boolean partial)
      throws SQLException {
    // one b-tree per query: with name = ? dbstat visits that b-tree's pages only
    return sql.query(StatementKind.VERIFY,
        "SELECT coalesce(sum(" + cells + "), 0), count(*) FROM dbstat"
            + " WHERE schema = 'main' AND name = " + literal(btree),
        rs -> new BtreeEntries(rs.getLong(1), rs.getLong(2), partial)).get(0);
  }

  /**
   * @param entries rows of a table, entries of an index
   * @param pages pages read, overflow pages included
   * @param partial an index with a WHERE clause, which may hold fewer entries than the table rows
   */
  public record BtreeEntries(long entries, long pages, boolean partial) {}

  /** The stored CREATE TABLE text of {@code table}. */
  public static String tableSql(SqlRunner sql, String table, StatementKind kind) throws SQLException {
    return sql.queryStrings(kind,
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = " + literal(table))
        .get(0);
  }

  public static List<ColumnInfo> columns(SqlRunner sql, String table, StatementKind kind)
      throws SQLException {
    return sql.query(kind,
        "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo("
            + literal(table) + ") ORDER BY cid",
        rs -> new ColumnInfo(rs.getString(1), rs.getString(2), rs.getInt(3) == 1,
            rs.getString(4), rs.getInt(5), rs.getInt(6)));
  }
}
