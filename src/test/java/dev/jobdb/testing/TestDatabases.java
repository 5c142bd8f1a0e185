package dev.jobdb.testing;

import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.fixture.DeployedDatabase.Shape;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/** Database shapes for the migrate tests, built on the deployed fixture. */
public final class TestDatabases {
  public static final String FIVE_STATUS_CHECK =
      "CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled'))";
  public static final String NINE_STATUS_CHECK =
      "CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled', 'timeout',"
          + " 'retrying', 'dead_letter', 'zombie'))";

  /** Objects the app never defined, which a rebuild must carry over exactly. */
  public static final List<String> EXTRAS = List.of(
      "ALTER TABLE job_queue ADD COLUMN tenant TEXT NOT NULL DEFAULT 'main'",
      "ALTER TABLE job_queue ADD COLUMN job_type_upper TEXT"
          + " GENERATED ALWAYS AS (upper(job_type)) VIRTUAL",
      "CREATE INDEX idx_pending_by_priority ON job_queue(priority DESC, created_at)"
          + " WHERE status = 'pending'",
      "CREATE INDEX idx_created_desc ON job_queue(created_at DESC)",
      "CREATE INDEX idx_lower_type ON job_queue(lower(job_type))",
      "CREATE UNIQUE INDEX idx_log_file ON job_queue(log_file_path)"
          + " WHERE log_file_path IS NOT NULL",
      "CREATE TABLE job_events (id INTEGER PRIMARY KEY, job_id INTEGER NOT NULL"
          + " REFERENCES job_queue(id) ON DELETE CASCADE, status TEXT, at TEXT)",
      "CREATE TRIGGER job_queue_status_event AFTER UPDATE OF status ON job_queue"
          + " BEGIN INSERT INTO job_events (job_id, status, at)"
          + " VALUES (NEW.id, NEW.status, '2026-06-01'); END",
      "CREATE TABLE audit (note TEXT)",
      "CREATE TRIGGER audit_requeue AFTER INSERT ON audit"
          + " BEGIN UPDATE job_queue SET retry_count = retry_count + 1 WHERE id = 1; END",
      "CREATE VIEW failed_jobs AS SELECT id, job_type, error_message FROM job_queue"
          + " WHERE status = 'failed'",
      // every job gets an event; one event and one job point at jobs that do not exist
      "INSERT INTO job_events (job_id, status, at) SELECT id, status, created_at FROM job_queue",
      "INSERT INTO job_events (job_id, status, at) VALUES (999999, 'orphan', '2026-01-01')",
      "UPDATE job_queue SET parent_job_id = 888888 WHERE id = 5",
      "UPDATE job_queue SET parent_job_id = 1 WHERE id BETWEEN 6 AND 9",
      // the newest jobs were deleted: the AUTOINCREMENT counter stays above max(id)
      "DELETE FROM job_queue WHERE id > 614",
      "UPDATE job_queue SET job_data = X'00FF10' WHERE id = 3",
      "UPDATE job_queue SET priority = 2.5 WHERE id = 4",
      "UPDATE job_queue SET log_file_path = '/var/log/jobs/' || id || '.log' WHERE id % 7 = 0",
      "PRAGMA user_version = 7",
      "PRAGMA application_id = 1247",
      "ANALYZE");

  /** Every index of the app's migrations 001 and 002. */
  public static final List<String> ALL_INDEXES =
      concat(DeployedDatabase.INDEXES_001, DeployedDatabase.INDEXES_002);

  /** The user's pre-fix tracks.db at {@code file}: 5 statuses allowed, 624 jobs. */
  public static Path deployedAt(Path file) throws SQLException {
    DeployedDatabase.create(file, Shape.USERS_DATA);
    return file;
  }

  /** The app's own fix: table-level CHECK with all 9, all 20 columns and 8 indexes. */
  public static Path appFixed(Path file) throws SQLException {
    return withTable(file, DeployedDatabase.CREATE_APP_FIXED, ALL_INDEXES);
  }

  /** The app's fix as deployed: the 9-status table with only 4 of the 8 indexes left. */
  public static Path appFixedAsDeployed(Path file) throws SQLException {
    return withTable(file, DeployedDatabase.CREATE_APP_FIXED, DeployedDatabase.INDEXES_KEPT_BY_APP_FIX);
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
    execute(file, List.of(statements));
  }

  @SafeVarargs
  public static List<String> concat(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> list : lists) {
      all.addAll(list);
    }
    return all;
  }

  private TestDatabases() {}

  /** The deployed pre-fix database: 624 jobs, 8 indexes, WAL. */
  public static Path deployed(Path dir) throws SQLException {
    Path db = dir.resolve("tracks.db");
    DeployedDatabase.create(db, Shape.USERS_DATA);
    return db;
  }

  /** The deployed database plus {@link #EXTRAS}. */
  public static Path rich(Path dir) throws SQLException {
    Path db = deployed(dir);
    execute(db, EXTRAS);
    return db;
  }

  public static void execute(Path db, List<String> statements) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /**
   * A connection as the migration opens one: foreign keys off (sqlite-jdbc's default), a busy
   * timeout, autocommit off (a deferred transaction, the harder case for the rebuild).
   */
  public static Connection openForRebuild(Path db) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(30_000);
    Connection c = config.createConnection("jdbc:sqlite:" + db);
    c.setAutoCommit(false);
    return c;
  }

  public static String tableSql(Path db, String table) throws SQLException {
    return strings(db, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = '"
        + table + "'").get(0);
  }

  /** The live definition with the status CHECK widened to all nine statuses. */
  public static String nineStatusSql(Path db) throws SQLException {
    String sql = tableSql(db, "job_queue");
    if (!sql.contains(FIVE_STATUS_CHECK)) {
      throw new IllegalStateException("no five-status CHECK in " + sql);
    }
    return sql.replace(FIVE_STATUS_CHECK, NINE_STATUS_CHECK);
  }

  public static List<String> strings(Path db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      return strings(c, sql);
    }
  }

  public static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  public static long count(Path db, String sql) throws SQLException {
    return Long.parseLong(strings(db, sql).get(0));
  }
}
