package dev.jobdb.db;

import static dev.jobdb.db.SqlQuoting.literal;
import static dev.jobdb.db.SqlQuoting.quoted;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The distinct values a column holds, found without reading the table's rows where an index leads
 * with the column: one seek per value ({@code WHERE column > ? ORDER BY column LIMIT 1}), so a
 * million rows in 9 statuses cost about 10 index seeks. Without such an index every row is read,
 * and the result says so. Values keep their storage class: a value SQLite stored as a BLOB or a
 * number is not the text of the same spelling.
 *
 * @param values the distinct non-NULL values, in the index's order
 * @param hasNull whether some row holds NULL
 * @param index the index the seeks used, or null when the table was read
 */
public record DistinctValues(List<Object> values, boolean hasNull, String index) {

  public static DistinctValues of(SqlRunner sql, String table, String column) throws SQLException {
    String index = leadingIndex(sql, table, column);
    String c = quoted(column);
    String t = quoted(table);
    List<Object> values = new ArrayList<>();
    if (index == null) {
      values.addAll(sql.query(StatementKind.INSPECT, "SELECT DISTINCT " + c + " FROM " + t
          + " WHERE " + c + " IS NOT NULL ORDER BY " + c, rs -> rs.getObject(1)));
    } else {
      String from = " FROM " + t + " INDEXED BY " + quoted(index);
      List<Object> first = sql.query(StatementKind.INSPECT, "SELECT " + c + from + " WHERE " + c
          + " IS NOT NULL ORDER BY " + c + " LIMIT 1", rs -> rs.getObject(1));
      try (PreparedStatement next = sql.connection().prepareStatement(
          "SELECT " + c + from + " WHERE " + c + " > ? ORDER BY " + c + " LIMIT 1")) {
        Object value = first.isEmpty() ? null : first.get(0);
        while (value != null) {
          values.add(value);
          next.setObject(1, value);
          try (ResultSet rs = next.executeQuery()) {
            value = rs.next() ? rs.getObject(1) : null;
          }
        }
      }
    }
    boolean hasNull = !sql.query(StatementKind.INSPECT, "SELECT 1 FROM " + t + " WHERE " + c
        + " IS NULL LIMIT 1", rs -> rs.getInt(1)).isEmpty();
    return new DistinctValues(List.copyOf(values), hasNull, index);
  }

  /** True when every non-NULL value is one of {@code allowed}, as text. */
  public boolean allWithin(List<String> allowed) {
    return values.stream().allMatch(v -> v instanceof String s && allowed.contains(s));
  }

  /** A full, non-partial index whose first column is {@code column} in its default collation. */
  private static String leadingIndex(SqlRunner sql, String table, String column)
      throws SQLException {
    List<String> names = sql.queryStrings(StatementKind.INSPECT, "SELECT l.name FROM"
        + " pragma_index_list(" + literal(table) + ") AS l, pragma_index_xinfo(l.name) AS x"
        + " WHERE l.partial = 0 AND x.seqno = 0 AND x.desc = 0 AND x.coll = 'BINARY'"
        + " AND x.name = " + literal(column) + " COLLATE NOCASE ORDER BY l.name");
    return names.isEmpty() ? null : names.get(0);
  }
}
