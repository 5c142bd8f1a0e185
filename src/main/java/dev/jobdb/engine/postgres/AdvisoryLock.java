package dev.jobdb.engine.postgres;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One jobdb at a time per database: a session-level advisory lock held by a connection of its own
 * for the whole run. The server releases it when that session ends, so a killed jobdb never leaves
 * it behind. The holder is named through pg_stat_activity (jobdb sets its application_name).
 */
public final class AdvisoryLock implements AutoCloseable {
  /** 'jobd' and 'b_q': two int keys that no other tool is likely to use. */
  private static final int CLASS_KEY = 0x6a6f6264;
  private static final int OBJECT_KEY = 0x625f71;

  private final Connection session;

  private AdvisoryLock(Connection session) {
    this.session = session;
  }

  /** @param session a connection used for nothing else; closed with the lock */
  public static AdvisoryLock acquire(Connection session, DatabaseUrl url) throws SQLException {
    try (PreparedStatement q = session.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
      q.setInt(1, CLASS_KEY);
      q.setInt(2, OBJECT_KEY);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        if (rs.getBoolean(1)) {
          return new AdvisoryLock(session);
        }
      }
    }
    String holder = holder(session);
    session.close();
    throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "another jobdb is working on "
        + url.describe() + " (" + holder + "): wait for it to finish, then run again");
  }

  private static String holder(Connection c) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(
        "SELECT a.application_name, a.pid, a.client_addr, a.backend_start FROM pg_locks l"
            + " JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'"
            + " AND l.classid = ? AND l.objid = ? AND l.granted"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
      q.setInt(1, CLASS_KEY);
      q.setInt(2, OBJECT_KEY);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return "it has just finished";
        }
        return rs.getString(1) + ", server pid " + rs.getInt(2)
            + (rs.getString(3) == null ? "" : ", from " + rs.getString(3))
            + ", connected since " + rs.getTimestamp(4).toInstant();
      }
    }
  }

  @Override
  public void close() throws SQLException {
    session.close(); // ends the session, which releases the lock
  }
}
