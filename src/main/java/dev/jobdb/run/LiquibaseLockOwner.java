package dev.jobdb.run;

import java.sql.Connection;
import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.engine.LiveSchema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.util.NetUtil;

/**
 * Who holds Liquibase's DATABASECHANGELOGLOCK row, and whether that holder is provably gone.
 *
 * <p>Liquibase writes {@code LOCKEDBY = host#description (address)}, the description being the
 * system property {@code liquibase.hostDescription}, read once when its lock class loads. jobdb
 * sets it to {@code jobdb-pid-N} before any lock is taken, so a row jobdb left names the process:
 * on the same host, a process that no longer exists is provably gone. A row anyone else left
 * (Liquibase's own command line, another tool) cannot be proved stale and is never cleared.
 */
public final class LiquibaseLockOwner {
  static final String PROPERTY = "liquibase.hostDescription";
  private static final Pattern JOBDB = Pattern.compile("(.*)#jobdb-pid-(\\d+) \\(.*\\)");

  private LiquibaseLockOwner() {}

  /** Marks this process's Liquibase locks as jobdb's, unless someone chose a description. */
  static void mark() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, "jobdb-pid-" + ProcessHandle.current().pid());
    }
  }

  /**
   * Releases a lock row this process holds: after a failure that kept earlier changesets, whose
   * commit also kept the row Liquibase's own release then rolled back with the failed rest.
   */
  static void releaseOwn(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE DATABASECHANGELOGLOCK SET LOCKED = ?,"
        + " LOCKGRANTED = NULL, LOCKEDBY = NULL WHERE LOCKEDBY LIKE ?")) {
      s.setBoolean(1, false);
      s.setString(2, NetUtil.getLocalHostName() + "#" + System.getProperty(PROPERTY) + " (%");
      s.executeUpdate();
    }
  }

  /**
   * Resets Liquibase's DATABASECHANGELOGLOCK when a row is still locked by a jobdb that is
   * provably gone (killed on this host, its process ended; Liquibase would otherwise wait minutes
   * for it and fail). Call it only while holding jobdb's own lock on the database. Does nothing
   * when the table does not exist.
   *
   * @return the lock that was cleared, in words, if there was one
   * @param everyHost jobdb's own lock on the database keeps out a jobdb on any host (a server's
   *     advisory lock), so a row any jobdb left is stale, wherever it ran
   * @throws JobdbException {@link ExitCode#DATABASE_UNUSABLE} when another holder (Liquibase's
   *     own command line, a jobdb on another host or still running) has the row: it may be at work
   */
  public static Optional<String> clearAbandoned(Connection c, LiveSchema schema,
      boolean everyHost) throws SQLException {
    if (!schema.tableExists("DATABASECHANGELOGLOCK")) {
      return Optional.empty();
    }
    String lockedBy;
    String granted;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT LOCKEDBY, LOCKGRANTED FROM DATABASECHANGELOGLOCK WHERE LOCKED = TRUE")) {
      if (!rs.next()) {
        return Optional.empty();
      }
      lockedBy = rs.getString(1);
      granted = rs.getString(2);
    }
    if (!(everyHost ? JOBDB.matcher(lockedBy == null ? "" : lockedBy).matches()
        : provablyGone(lockedBy))) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "Liquibase's lock"
          + " (DATABASECHANGELOGLOCK) is held by " + lockedBy + " since " + granted
          + ", which may still be at work (Liquibase's own command line?); nothing was changed."
          + " Wait for it; if no Liquibase is running, release it with Liquibase's release-locks"
          + " command and run again");
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE DATABASECHANGELOGLOCK SET LOCKED = ?,"
        + " LOCKGRANTED = NULL, LOCKEDBY = NULL WHERE LOCKEDBY = ?")) {
      s.setBoolean(1, false);
      s.setString(2, lockedBy);
      s.executeUpdate();
    }
    return Optional.of("cleared a Liquibase lock left by a killed run (" + lockedBy + ", "
        + granted + ")");
  }

  /** True only for a lock a jobdb on this host took whose process has ended. */
  static boolean provablyGone(String lockedBy) {
    Optional<Long> pid = jobdbPid(lockedBy);
    // This process's own pid: an earlier run in this JVM (jobdb's lock is held by this run now)
    return pid.isPresent() && (pid.get() == ProcessHandle.current().pid()
        || ProcessHandle.of(pid.get()).map(p -> !p.isAlive()).orElse(true));
  }

  private static Optional<Long> jobdbPid(String lockedBy) {
    Matcher m = JOBDB.matcher(lockedBy == null ? "" : lockedBy);
    if (!m.matches() || !m.group(1).equals(NetUtil.getLocalHostName())) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(m.group(2)));
  }
}
