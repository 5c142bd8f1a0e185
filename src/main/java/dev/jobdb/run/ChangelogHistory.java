package dev.jobdb.run;

import dev.jobdb.engine.LiveSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads what Liquibase recorded as applied, oldest first. */
public final class ChangelogHistory {
  public static final String TABLE = "DATABASECHANGELOG";

  private ChangelogHistory() {}

  /** @param schema {@code c}'s schema: whether Liquibase's table exists yet */
  public static List<AppliedChangeset> read(Connection c, LiveSchema schema)
      throws SQLException {
    List<AppliedChangeset> applied = new ArrayList<>();
    if (!schema.tableExists(TABLE)) {
      return applied;
    }
    String sql = "SELECT ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE, COMMENTS"
        + " FROM " + TABLE + " ORDER BY ORDEREXECUTED";
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String how = "MARK_RAN".equals(rs.getString(6)) ? "adopted" : "ran";
        applied.add(new AppliedChangeset(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getInt(5), how, rs.getString(7)));
      }
    }
    return applied;
  }
}
