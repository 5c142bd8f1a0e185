package dev.jobdb.engine.postgres;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens the PostgreSQL database a command names, with one clear line when it cannot. */
public final class Postgres {
  /** Class 55P03: lock_not_available, what a statement gets when lock_timeout runs out. */
  public static final String LOCK_NOT_AVAILABLE = "55P03";

  private Postgres() {}

  /**
   * @param purpose what this connection is for; shown to other sessions in pg_stat_activity
   */
  public static Connection open(DatabaseUrl url, String purpose) {
    Properties properties = url.credentials();
    properties.setProperty("ApplicationName", "jobdb " + purpose + " (pid "
        + ProcessHandle.current().pid() + ")");
    properties.setProperty("connectTimeout", "10");
    try {
      return DriverManager.getConnection(url.jdbcUrl(), properties);
    } catch (SQLException e) {
      throw unusable(url, e);
    }
  }

  /** A failure to reach or read the database: exit 3, what happened, what to do. */
  public static JobdbException unusable(DatabaseUrl url, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String advice = switch (state) {
      case "28P01", "28000" -> "check the user and password in the URL";
      case "3D000" -> "check the database name in the URL";
      case "08001", "08004", "08006" -> "check that PostgreSQL runs there and the host and port";
      case "42501" -> "grant this user access to job_queue, or use the app's user";
      default -> "check the URL and the server's log";
    };
    return new JobdbException(ExitCode.DATABASE_UNUSABLE, "cannot use " + url.describe() + ": "
        + oneLine(e.getMessage()) + ": " + advice, e);
  }

  public static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s+", " ").strip();
  }
}
