package dev.jobdb.engine.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Rows of job_queue by status, read in the caller's transaction. */
public final class PgJobCounts {
  private PgJobCounts() {}

  /** Stored status (as text) → rows, most first; NULL statuses under the key null. */
  public static Map<String, Long> byStatus(Connection c, PgStatusColumn table)
      throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT status::text, count(*) FROM "
            + table.qualifiedTable() + " GROUP BY 1 ORDER BY 2 DESC, 1")) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    return counts;
  }

  public static long total(Connection c, PgStatusColumn table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table.qualifiedTable())) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** e.g. {@code 624 jobs: completed 445, failed 136, pending 25}. */
  public static String describe(Map<String, Long> counts) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder text = new StringBuilder(total + " jobs");
    String separator = ": ";
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      text.append(separator).append(e.getKey()).append(' ').append(e.getValue());
      separator = ", ";
    }
    return text.toString();
  }
}
