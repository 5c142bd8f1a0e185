package dev.jobdb.engine.sqlite;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.change.Change;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeSet;

/**
 * Refuses a change before anything is written when the disk beside the database cannot hold what
 * the chosen method writes into the WAL:
 *
 * <ul>
 *   <li>in place: the schema pages (sqlite_schema, page 1, Liquibase's two tables) and every index a
 *       pending changeset builds (estimated from the rows and a sample of the indexed values);
 *   <li>the rebuild ({@code --rebuild}): the table and its indexes, i.e. the database's used pages,
 *       plus a quarter for the b-tree's slack;
 *   <li>the snapshot, when it goes to the same disk: the whole database (a page copy).
 * </ul>
 *
 * <p>The estimate is deliberately generous but of the right size: a few megabytes for an in-place
 * change of a database of any size, so a nearly full disk does not stop it.
 */
final class FreeSpaceCheck {
  /** What any change writes on top of its pages: WAL header, a checkpoint's slack. */
  private static final long MARGIN = 1L << 20;
  /** WAL frame header per page. */
  private static final long FRAME_HEADER = 24;
  /** Pages a b-tree built by inserts fills on average (about two thirds). */
  private static final double BTREE_FILL = 0.66;
  private static final Pattern CREATE_INDEX = Pattern.compile(
      "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\S+)\\s+ON\\s+(\\S+)\\s*"
          + "\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);

  /** How the change is expected to be made; names the need in the message. */
  enum Method {
    IN_PLACE("the in-place change"),
    REBUILD("the rebuild");

    private final String words;

    Method(String words) {
      this.words = words;
    }
  }

  private FreeSpaceCheck() {}

  /**
   * @param toApply the changesets whose changes will run (empty for a rollback: its changes drop)
   * @param snapshotDir where the snapshot goes, or null when none is taken
   */
  static void require(Connection c, Path db, Method method, List<ChangeSet> toApply,
      Path snapshotDir) throws IOException, SQLException {
    long changeBytes = method == Method.REBUILD ? rebuildBytes(c) : inPlaceBytes(c, toApply);
    FileStore disk = Files.getFileStore(db.getParent());
    long snapshotBytes = snapshotDir != null && Files.isDirectory(snapshotDir)
        && disk.equals(Files.getFileStore(snapshotDir))
        ? Files.size(db) + Files.size(db) / 10 : 0;
    long needed = changeBytes + snapshotBytes;
    long free = disk.getUsableSpace();
    if (free < needed) {
      throw new JobdbException(ExitCode.REFUSED, "refused: " + megabytes(free) + " free beside "
          + db + ", " + method.words + " needs about " + megabytes(changeBytes)
          + (snapshotBytes > 0 ? " and the snapshot " + megabytes(snapshotBytes) : "")
          + "; nothing was changed. Free disk space"
          + (snapshotBytes > 0 ? ", pass --backup-dir on another disk" : "")
          + (method == Method.REBUILD ? ", or drop --rebuild to change it in place" : "")
          + " and run again");
    }
  }

  static long rebuildBytes(Connection c) throws SQLException {
    long used = (pragma(c, "page_count") - pragma(c, "freelist_count")) * pragma(c, "page_size");
    return used + used / 4 + MARGIN;
  }

  static long inPlaceBytes(Connection c, List<ChangeSet> toApply) throws SQLException {
    long pageSize = pragma(c, "page_size");
    long pages = 1 + pagesOf(c, "sqlite_schema") + pagesOf(c, "DATABASECHANGELOG")
        + pagesOf(c, "DATABASECHANGELOGLOCK") + 4;
    long bytes = pages * (pageSize + FRAME_HEADER) + MARGIN;
    for (IndexToBuild index : indexesToBuild(c, toApply)) {
      bytes += index.estimatedBytes(c);
    }
    return bytes;
  }

  /** An index a pending changeset creates and the database does not have yet. */
  record IndexToBuild(String name, String table, List<String> columns) {
    long estimatedBytes(Connection c) {
      try {
        long rows = count(c, "SELECT count(*) FROM " + table);
        double valueBytes = 0;
        for (String column : columns) {
          valueBytes += average(c, "SELECT avg(coalesce(length(" + column + "), 1)) FROM"
              + " (SELECT " + column + " FROM " + table + " LIMIT 1000)");
        }
        // a cell: its header, the values, the row id; pages about two thirds full
        return (long) (rows * (valueBytes + 16) / BTREE_FILL);
      } catch (SQLException e) {
        return 0; // not a plain column list: the change itself will say what is wrong
      }
    }
  }

  static List<IndexToBuild> indexesToBuild(Connection c, List<ChangeSet> toApply)
      throws SQLException {
    List<IndexToBuild> indexes = new ArrayList<>();
    for (ChangeSet cs : toApply) {
      for (Change change : cs.getChanges()) {
        IndexToBuild index = index(change);
        if (index != null && !exists(c, index.name())) {
          indexes.add(index);
        }
      }
    }
    return indexes;
  }

  private static IndexToBuild index(Change change) {
    if (change instanceof CreateIndexChange create) {
      return new IndexToBuild(create.getIndexName(), create.getTableName(),
          create.getColumns().stream().map(col -> col.getName()).toList());
    }
    if (change instanceof RawSQLChange sql && sql.getSql() != null) {
      Matcher m = CREATE_INDEX.matcher(sql.getSql());
      if (m.find()) {
        List<String> columns = new ArrayList<>();
        for (String part : m.group(3).split(",")) {
          String column = part.strip().split("\\s+")[0];
          if (!column.isEmpty()) {
            columns.add(column);
          }
        }
        return new IndexToBuild(m.group(1), m.group(2), columns);
      }
    }
    return null;
  }

  private static boolean exists(Connection c, String index) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ? COLLATE NOCASE")) {
      s.setString(1, index.replace("\"", ""));
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getLong(1) > 0;
      }
    }
  }

  /** Pages of one table's b-tree, read from dbstat (only that b-tree is walked); 0 if absent. */
  private static long pagesOf(Connection c, String name) {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT count(*) FROM dbstat WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (SQLException e) {
      return 8; // no dbstat in this SQLite: a few pages, as a small table has
    }
  }

  private static long pragma(Connection c, String name) throws SQLException {
    return count(c, "PRAGMA " + name.toLowerCase(Locale.ROOT));
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static double average(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getDouble(1) : 0;
    }
  }

  private static String megabytes(long bytes) {
    return (bytes + (1 << 20) - 1) / (1 << 20) + " MB";
  }
}
