package dev.jobdb.engine.sqlite.snapshot;

import dev.jobdb.db.SqlQuoting;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a snapshot must reproduce, read from the database inside the read transaction the copy is
 * made in, and read back from the copy to check it.
 *
 * @param pageCount pages in the database (free pages included: the copy has them too)
 * @param pageSize bytes per page
 * @param schema every row of sqlite_schema, as {@code type|name|tbl_name|sql}, in rowid order
 * @param rows rows of every ordinary table, by name, in sqlite_schema order
 */
record DatabaseState(long pageCount, long pageSize, List<String> schema, Map<String, Long> rows) {
  static final String JOB_QUEUE = "job_queue";

  /** How the rows are counted. */
  enum Count {
    /** SQLite's own choice: the smallest b-tree that holds every row, often an index. */
    CHEAPEST(""),
    /** Through the table's own b-tree, so every page of it is read. */
    EVERY_TABLE_PAGE(" NOT INDEXED");

    private final String clause;

    Count(String clause) {
      this.clause = clause;
    }
  }

  static DatabaseState read(Connection c, Count count) throws SQLException {
    try (Statement s = c.createStatement()) {
      List<String> schema = new ArrayList<>();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(
          "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid")) {
        while (rs.next()) {
          String type = rs.getString(1);
          String name = rs.getString(2);
          String sql = rs.getString(4);
          schema.add(type + "|" + name + "|" + rs.getString(3) + "|" + sql);
          if (type.equals("table") && sql != null && !isVirtual(sql)) {
            tables.add(name);
          }
        }
      }
      Map<String, Long> rows = new LinkedHashMap<>();
      for (String table : tables) {
        rows.put(table, single(s, "SELECT count(*) FROM " + SqlQuoting.quoted(table)
            + count.clause));
      }
      return new DatabaseState(single(s, "PRAGMA page_count"), single(s, "PRAGMA page_size"),
          List.copyOf(schema), Collections.unmodifiableMap(rows));
    }
  }

  /** Rows of job_queue; {@code null} when the database has no such table. */
  Long jobs() {
    return rows.entrySet().stream()
        .filter(e -> SqlQuoting.sameName(e.getKey(), JOB_QUEUE))
        .map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  long bytes() {
    return pageCount * pageSize;
  }

  /** A virtual table has no b-tree of its own; counting it would run its module's code. */
  private static boolean isVirtual(String sql) {
    return sql.regionMatches(true, 0, "CREATE VIRTUAL", 0, "CREATE VIRTUAL".length());
  }

  private static long single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
