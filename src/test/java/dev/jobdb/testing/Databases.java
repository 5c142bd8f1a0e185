package dev.jobdb.testing;

import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.fixture.DeployedDatabase.Shape;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Real SQLite files shaped like the databases the app left behind. */
public final class Databases {
  public static final List<String> ALL_INDEXES =
      concat(DeployedDatabase.INDEXES_001, DeployedDatabase.INDEXES_002);

  private Databases() {}

  /** The user's pre-fix tracks.db: 5 statuses allowed, 624 jobs. */
  public static Path deployed(Path file) throws SQLException {
    DeployedDatabase.create(file, Shape.USERS_DATA);
    return file;
  }

  /** The app's own fix: table-level CHECK with all 9, all 20 columns and 8 indexes. */
  public static Path appFixed(Path file) throws SQLException {
    return withTable(file, DeployedDatabase.CREATE_APP_FIXED, ALL_INDEXES);
  }

  /** The app's service-created table: 15 columns, no CHECK, 001's indexes. */
  public static Path serviceNoCheck(Path file) throws SQLException {
    return withTable(file, DeployedDatabase.CREATE_SERVICE_NO_CHECK, DeployedDatabase.INDEXES_001);
  }

  public static Path withTable(Path file, String createTable, List<String> indexes)
      throws SQLException {
    DeployedDatabase.create(file, concat(List.of(createTable), indexes), Shape.USERS_DATA);
    return file;
  }

  /** Runs statements on an existing file, e.g. to add rows a CHECK would now reject. */
  public static void execute(Path file, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  @SafeVarargs
  public static List<String> concat(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> list : lists) {
      all.addAll(list);
    }
    return all;
  }
}
