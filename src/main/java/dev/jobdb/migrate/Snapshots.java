package dev.jobdb.migrate;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;

/** TEMPORARY stand-in. */
public final class Snapshots {
  public static SnapshotInfo take(Path db, Path dir, Duration busyTimeout) throws Exception {
    Path target = (dir == null ? db.getParent() : dir).resolve(db.getFileName() + "." + System.currentTimeMillis() + ".jobdb-snapshot");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
      s.execute("VACUUM INTO '" + target + "'");
    }
    return new SnapshotInfo(target, Instant.now(), 0, 0);
  }

  public static java.util.List<SnapshotInfo> list(Path db, Path dir) {
    return java.util.List.of();
  }

  public static void restore(java.sql.Connection target, Path snapshot) throws java.sql.SQLException {
    try (var s = target.createStatement()) {
      s.executeUpdate("restore from " + snapshot);
    }
  }
}
