package dev.jobdb.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
final class LiquibaseLockOwner {
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
    try (PreparedStatement s = c.prepareStatement("UPDATE DATABASECHANGELOGLOCK SET LOCKED = 0,"
        + " LOCKGRANTED = NULL, LOCKEDBY = NULL WHERE LOCKED <> 0 AND LOCKEDBY LIKE ?")) {
      s.setString(1, NetUtil.getLocalHostName() + "#" + System.getProperty(PROPERTY) + " (%");
      s.executeUpdate();
    }
  }

  /** True only for a lock a jobdb on this host took whose process has ended. */
  static boolean provablyGone(String lockedBy) {
    Optional<Long> pid = jobdbPid(lockedBy);
    return pid.isPresent() && ProcessHandle.of(pid.get()).map(p -> !p.isAlive()).orElse(true);
  }

  private static Optional<Long> jobdbPid(String lockedBy) {
    Matcher m = JOBDB.matcher(lockedBy == null ? "" : lockedBy);
    if (!m.matches() || !m.group(1).equals(NetUtil.getLocalHostName())) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(m.group(2)));
  }
}
