package dev.jobdb.engine.sqlite.snapshot;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * Copies a live database page by page with SQLite's online backup API, inside one read
 * transaction.
 *
 * <p>The backup API on its own restarts whenever another connection writes between two of its
 * steps, so under workers that write every few milliseconds it may never finish; and with one step
 * for everything it reports no progress. Here the source connection opens a read transaction first
 * and holds it across every step: SQLite then copies from that one read snapshot (a step uses an
 * open read transaction instead of opening its own), nothing restarts, writers go on in the WAL,
 * and each step can report progress. The figures in the returned {@link DatabaseState} come from
 * the same transaction, so the copy must match them exactly.
 */
final class PageCopy {
  /** Steps per copy: each one is a chance to report progress. */
  private static final int STEPS = 100;
  private static final int MIN_PAGES_PER_STEP = 16;
  /** sqlite-jdbc retries a busy step this often, this far apart (the source is never busy here). */
  private static final int BUSY_RETRIES = 3;
  private static final int BUSY_SLEEP_MILLIS = 100;

  private PageCopy() {}

  /**
   * Copies {@code source} (opened without a transaction) into {@code target}, an empty file.
   * {@code beforeCopy} sees the source's state first and may refuse by throwing.
   */
  static DatabaseState copy(Connection source, Path target, CopyProgress progress,
      Consumer<DatabaseState> beforeCopy) throws SQLException {
    source.setAutoCommit(false);
    try {
      DatabaseState state = DatabaseState.read(source, DatabaseState.Count.CHEAPEST);
      beforeCopy.accept(state);
      int pagesPerStep = (int) Math.max(MIN_PAGES_PER_STEP,
          Math.min(Integer.MAX_VALUE, (state.pageCount() + STEPS - 1) / STEPS));
      int rc = source.unwrap(SQLiteConnection.class).getDatabase().backup("main",
          target.toString(),
          (remaining, total) -> progress.copied(total - remaining, total, state.pageSize()),
          BUSY_SLEEP_MILLIS, BUSY_RETRIES, pagesPerStep);
      if (rc != SQLiteErrorCode.SQLITE_OK.code) {
        throw new SQLException("SQLite's backup stopped with result code " + rc + " ("
            + SQLiteErrorCode.getErrorCode(rc).message + ")", null, rc);
      }
      return state;
    } finally {
      source.rollback();
      source.setAutoCommit(true);
    }
  }

  /**
   * The backup API copies the WAL flag in the database header; a snapshot is one standalone file,
   * so it is switched to a rollback journal (SQLite rewrites the header and removes its WAL).
   */
  static void toRollbackJournal(Path copy) throws SQLException {
    try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + copy);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA journal_mode = DELETE")) {
      rs.next();
      if (!"delete".equalsIgnoreCase(rs.getString(1))) {
        throw new SQLException("the copy stayed in journal mode " + rs.getString(1));
      }
    }
  }
}
