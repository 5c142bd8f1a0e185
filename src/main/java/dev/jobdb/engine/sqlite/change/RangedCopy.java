package dev.jobdb.engine.sqlite.change;

import static dev.jobdb.db.SqlQuoting.quoted;

import dev.jobdb.db.LiveTable;
import dev.jobdb.db.SqlQuoting;
import dev.jobdb.db.SqlRunner;
import dev.jobdb.db.StatementKind;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the rebuild's copy in ranges of row ids, so that it can say how far it is: once the copy
 * has taken more than 2 s, a progress line with the share of rows copied, at most one a second.
 * Together the ranges are the same INSERT ... SELECT in the same transaction; a table without
 * addressable row ids (WITHOUT ROWID, or columns named rowid, _rowid_ and oid) and a small table
 * are copied in one statement.
 */
final class RangedCopy {
  static final Duration QUIET_FOR = Duration.ofSeconds(2);
  private static final long ROWS_PER_RANGE = 100_000;
  private static final long NANOS_BETWEEN_LINES = Duration.ofSeconds(1).toNanos();

  private RangedCopy() {}

  /**
   * @param copy {@code INSERT INTO new (...) SELECT ... FROM old}, without a WHERE clause
   * @return rows copied
   */
  static long run(SqlRunner sql, String copy, LiveTable source, long expectedRows,
      Consumer<String> progress, String what) throws SQLException {
    return run(sql, copy, source, expectedRows, progress, what, QUIET_FOR);
  }

  /** {@link #run} with another quiet time (the tests' way to see the lines). */
  static long run(SqlRunner sql, String copy, LiveTable source, long expectedRows,
      Consumer<String> progress, String what, Duration quietFor) throws SQLException {
    String key = rangeKey(source);
    if (key == null || expectedRows <= ROWS_PER_RANGE) {
      return sql.update(StatementKind.CHANGE, copy);
    }
    List<long[]> bounds = sql.query(StatementKind.INSPECT, "SELECT min(" + key + "), max(" + key
        + ") FROM " + quoted(source.name()), rs -> new long[] {rs.getLong(1), rs.getLong(2)});
    long min = bounds.get(0)[0];
    long max = bounds.get(0)[1];
    long ranges = (expectedRows + ROWS_PER_RANGE - 1) / ROWS_PER_RANGE;
    if (max - min < 0) { // ids spread over more than a long can count
      return sql.update(StatementKind.CHANGE, copy);
    }
    long span = (max - min) / ranges + 1;
    long started = System.nanoTime();
    long lastLine = 0;
    long copied = 0;
    for (long low = min; ; low += span) {
      long high = max - low < span ? max : low + span - 1;
      copied += sql.update(StatementKind.CHANGE,
          copy + " WHERE " + key + " BETWEEN " + low + " AND " + high);
      long now = System.nanoTime();
      if (now - started >= quietFor.toNanos()
          && (lastLine == 0 || now - lastLine >= NANOS_BETWEEN_LINES || high == max)) {
        progress.accept(what + ": " + Math.min(100, copied * 100 / expectedRows) + "% (" + copied
            + " of " + expectedRows + " rows)");
        lastLine = now;
      }
      if (high == max) {
        return copied;
      }
    }
  }

  /** A name for the row id that no column hides; null when there is none. */
  private static String rangeKey(LiveTable table) {
    if (table.withoutRowid()) {
      return null;
    }
    for (String candidate : List.of("rowid", "_rowid_", "oid")) {
      if (table.columns().stream().noneMatch(c -> SqlQuoting.sameName(c.name(), candidate))) {
        return candidate;
      }
    }
    return null;
  }
}
