package dev.jobdb.db;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Duration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Opens the user's database: checks the file first, so bad input gets one clear line. */
public final class Sqlite {
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(30);

  private Sqlite() {}

  /** Read-only: never creates the file, never writes to it. */
  public static Connection openReadOnly(DatabaseLocation location, Duration busyTimeout) {
    requireDatabaseFile(location);
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout((int) busyTimeout.toMillis());
    return open(location, config);
  }

  /**
   * For changing the schema: foreign keys off (sqlite-jdbc's default; the pragma is a no-op inside a
   * transaction, so it must be off from the start), and IMMEDIATE transactions, so jobdb waits for
   * the app's writers up front instead of failing with SQLITE_BUSY when it first writes.
   */
  public static Connection openForChange(DatabaseLocation location, Duration busyTimeout) {
    requireDatabaseFile(location);
    return open(location, changeConfig(busyTimeout));
  }

  /** Like {@link #openForChange}, creating the file (only for {@code migrate up --create}). */
  public static Connection openOrCreate(DatabaseLocation location, Duration busyTimeout) {
    return open(location, changeConfig(busyTimeout));
  }

  /** An empty in-memory database, for rehearsing {@code --create --dry-run}. */
  public static Connection openInMemory(DatabaseLocation location) {
    SQLiteConfig config = changeConfig(Duration.ZERO);
    try {
      return config.createConnection("jdbc:sqlite::memory:");
    } catch (SQLException e) {
      throw unusable(location, e);
    }
  }

  /** The version of the SQLite engine bundled in sqlite-jdbc, asked from the engine itself. */
  public static String engineVersion() {
    try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite::memory:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static SQLiteConfig changeConfig(Duration busyTimeout) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) busyTimeout.toMillis());
    config.enforceForeignKeys(false);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    // No automatic checkpoint in jobdb's commits: copying the WAL into a large file can take a
    // second, and the app's own connections checkpoint anyway. The writers never waited for it,
    // but the commit would, and with it the measured hold of the write lock.
    config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "0");
    return config;
  }

  private static Connection open(DatabaseLocation location, SQLiteConfig config) {
    Connection connection = null;
    try {
      connection = config.createConnection("jdbc:sqlite:" + location.path());
      // Opening is lazy in SQLite: touch the schema so a corrupt or locked file fails here.
      try (Statement probe = connection.createStatement();
          ResultSet rs = probe.executeQuery("SELECT count(*) FROM sqlite_schema")) {
        rs.next();
      }
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection);
      throw unusable(location, e);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // the open already failed; that error is the one to report
    }
  }

  /** Checks existence, kind, size and header; throws {@link ExitCode#DATABASE_UNUSABLE}. */
  public static void requireDatabaseFile(DatabaseLocation location) {
    Path path = location.path();
    String where = location.describe();
    if (Files.isDirectory(path)) {
      throw new JobdbException(
          ExitCode.DATABASE_UNUSABLE,
          "database path is a directory: "
              + where
              + ": point --db or DB_PATH at the .db file in it");
    }
    if (!Files.exists(path)) {
      throw new JobdbException(
          ExitCode.DATABASE_UNUSABLE,
          "database not found: " + where + ": check the path, --db or DB_PATH");
    }
    if (!Files.isReadable(path)) {
      throw new JobdbException(
          ExitCode.DATABASE_UNUSABLE,
          "database is not readable: " + where + ": check the file's permissions");
    }
    byte[] bytes = new byte[FileHeader.LENGTH];
    int read;
    long size;
    try (InputStream in = Files.newInputStream(path)) {
      read = in.readNBytes(bytes, 0, bytes.length);
      size = Files.size(path);
    } catch (IOException e) {
      throw new JobdbException(
          ExitCode.DATABASE_UNUSABLE, "cannot read database " + where + ": " + e.getMessage(), e);
    }
    if (read == 0) {
      throw new JobdbException(
          ExitCode.DATABASE_UNUSABLE,
          "database file is empty: " + where + ": this is not the app's database; check the path");
    }
    if (!FileHeader.hasMagic(bytes, read)) {
      throw new JobdbException(
          ExitCode.DATABASE_UNUSABLE,
          "not a SQLite database: " + where + ": check the path, --db or DB_PATH");
    }
    FileHeader header = FileHeader.parse(bytes, read).orElse(null);
    if (header == null || !header.pageSizeValid()) {
      throw new JobdbException(
          ExitCode.DATABASE_UNUSABLE,
          "database is corrupt or truncated: " + where + " (its header is incomplete or has an"
              + " impossible page size): restore it from a backup");
    }
    if (header.truncated(size)) {
      throw new JobdbException(
          ExitCode.DATABASE_UNUSABLE,
          "database is truncated: " + where + " (" + size + " bytes; its header records "
              + header.pagesInHeader() + " pages of " + header.pageSize() + " bytes): restore it"
              + " from a backup, or copy the whole file again");
    }
  }

  /** Translates a SQLite failure into the one line the user sees. */
  public static JobdbException unusable(DatabaseLocation location, SQLException e) {
    String where = location.describe();
    SQLiteErrorCode code = e instanceof SQLiteException s ? s.getResultCode() : null;
    String detail = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ");
    String message;
    if (code != null && isBusy(code)) {
      message =
          "database is locked (waited past the busy timeout): "
              + where
              + ": stop the writer holding it or raise --busy-timeout";
    } else if (code != null && isCorrupt(code)) {
      message =
          "database is corrupt or truncated: "
              + where
              + " ("
              + detail
              + "): restore it from a backup";
    } else {
      message = "cannot use database " + where + ": " + detail;
    }
    return new JobdbException(ExitCode.DATABASE_UNUSABLE, message, e);
  }

  private static boolean isBusy(SQLiteErrorCode code) {
    return code.name().startsWith("SQLITE_BUSY") || code.name().startsWith("SQLITE_LOCKED");
  }

  private static boolean isCorrupt(SQLiteErrorCode code) {
    return code.name().startsWith("SQLITE_CORRUPT") || code.name().startsWith("SQLITE_NOTADB");
  }
}
