package dev.jobdb.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fresh database on the tests' {@link PostgresServer}, with the app's job_queue built from
 * src/test/resources/pg/job_queue.sql (the script scripts/bench-postgres.sh uses too).
 */
public final class PgTestDatabase {
  /** How job_queue.status is constrained. */
  public enum Kind {
    /** {@code status TEXT ... CHECK (status IN (5 statuses))}, as the app's migration wrote it. */
    CHECK,
    /** {@code status job_status}, a native enum type of the 5 statuses. */
    ENUM
  }

  private final String url;
  private final String jdbcUrl;

  private PgTestDatabase(String url) {
    this.url = url;
    this.jdbcUrl = "jdbc:" + url.replace("postgres@", "");
  }

  /** An empty database. */
  public static PgTestDatabase empty() {
    return new PgTestDatabase(PostgresServer.shared().createDatabase());
  }

  /** Like {@link #deployed(Kind, int)}, on {@code server} instead of the shared one. */
  public static PgTestDatabase deployedOn(PostgresServer server, Kind kind, int jobs) {
    PgTestDatabase db = new PgTestDatabase(server.createDatabase());
    db.execute(fixtureSql(kind, jobs));
    return db;
  }

  /** A database holding job_queue with {@code jobs} rows, 8 indexes, the 5-status constraint. */
  public static PgTestDatabase deployed(Kind kind, int jobs) {
    PgTestDatabase db = empty();
    db.execute(fixtureSql(kind, jobs));
    return db;
  }

  public static String fixtureSql(Kind kind, int jobs) {
    try (InputStream in = PgTestDatabase.class.getResourceAsStream("/pg/job_queue.sql")) {
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String type = kind == Kind.ENUM ? "job_status" : "TEXT";
      String check = kind == Kind.ENUM ? ""
          : "CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled'))";
      String createType = kind == Kind.ENUM
          ? "CREATE TYPE job_status AS ENUM ('pending', 'running', 'completed', 'failed',"
              + " 'cancelled');"
          : "";
      return sql.replace("${create_type}", createType).replace("${status_type}", type)
          .replace("${status_check}", check).replace("${jobs}", Integer.toString(jobs));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the user passes to --db-url. */
  public String url() {
    return url;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, "postgres", "");
  }

  public void execute(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  public long count(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  public String text(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      StringBuilder text = new StringBuilder();
      while (rs.next()) {
        text.append(text.length() == 0 ? "" : "\n").append(rs.getString(1));
      }
      return text.toString();
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Rows per status, in status order. */
  public Map<String, Long> countsByStatus() {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT status::text, count(*) FROM job_queue GROUP BY 1 ORDER BY 1")) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return counts;
  }

  /**
   * What must not change: every row (as text, in id order, hashed), the column list with types,
   * indexes with their definitions, and the sequence's value.
   */
  public String fingerprint() {
    return text("SELECT md5(string_agg(j::text, '|' ORDER BY j.id)) FROM job_queue j")
        + "\n" + text("SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod)"
            + " || ' ' || attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), ''),"
            + " ', ' ORDER BY attnum) FROM pg_attribute a LEFT JOIN pg_attrdef d"
            + " ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " WHERE attrelid = 'job_queue'::regclass AND attnum > 0 AND NOT attisdropped")
        + "\n" + text("SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes"
            + " WHERE tablename = 'job_queue'")
        + "\n" + text("SELECT last_value FROM job_queue_id_seq");
  }

  /** The status CHECKs (name and definition) and the enum labels: what a change does change. */
  public String constraintText() {
    return text("SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid) || ' '"
        + " || convalidated, E'\\n' ORDER BY conname) FROM pg_constraint"
        + " WHERE conrelid = 'job_queue'::regclass AND contype = 'c'") + "\n"
        + text("SELECT coalesce(string_agg(enumlabel, ',' ORDER BY enumsortorder), '')"
            + " FROM pg_enum WHERE enumtypid = to_regtype('job_status')");
  }
}
