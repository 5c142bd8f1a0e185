package dev.jobdb.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Jobs per status, most first.
 *
 * @param total all jobs
 * @param byStatus count per status value, largest first
 */
public record JobCounts(long total, Map<String, Long> byStatus) {
  public static final JobCounts NO_TABLE = new JobCounts(0, Map.of());

  public static JobCounts read(Connection c) throws SQLException {
    if (!SchemaReads.tableExists(c, "job_queue")) {
      return NO_TABLE;
    }
    try (Statement s = c.createStatement()) {
      Map<String, Long> byStatus = new LinkedHashMap<>();
      long total = 0;
      try (ResultSet rs = s.executeQuery(
          "SELECT status, count(*) FROM job_queue GROUP BY status ORDER BY 2 DESC, 1")) {
        while (rs.next()) {
          byStatus.put(rs.getString(1), rs.getLong(2));
          total += rs.getLong(2);
        }
      }
      return new JobCounts(total, byStatus);
    }
  }

  /** e.g. {@code 624 jobs: completed 445, failed 136, pending 25, cancelled 11, running 7}. */
  public String describe() {
    StringBuilder text = new StringBuilder(total + " jobs");
    String separator = ": ";
    for (Map.Entry<String, Long> e : byStatus.entrySet()) {
      text.append(separator).append(e.getKey()).append(' ').append(e.getValue());
      separator = ", ";
    }
    return text.toString();
  }
}
