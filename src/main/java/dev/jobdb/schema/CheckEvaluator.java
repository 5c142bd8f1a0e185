package dev.jobdb.schema;

import dev.jobdb.schema.parse.StatusCheck;

import dev.jobdb.db.SqlQuoting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Asks SQLite itself whether a CHECK expression lets a status value through, for CHECKs that are
 * not a plain IN list ({@code status = 'a' OR status = 'b'}, {@code lower(status) IN (...)}). It
 * only runs a SELECT, so it works on a read-only connection.
 */
final class CheckEvaluator {
  private final Connection connection;
  private final String table;
  private final String column;

  CheckEvaluator(Connection connection, String table, String column) {
    this.connection = connection;
    this.table = table;
    this.column = column;
  }

  /**
   * True when a row with this status passes the CHECK (SQLite's rule: the result cast to NUMERIC is
   * non-zero, or NULL); empty when the expression needs other columns and cannot be evaluated
   * alone.
   */
  Optional<Boolean> allows(StatusCheck check, String status) {
    String sql =
        "SELECT CASE WHEN v IS NULL OR CAST(v AS NUMERIC) <> 0 THEN 1 ELSE 0 END FROM (SELECT ("
            + check.expression()
            + ") AS v FROM (SELECT ? AS "
            + SqlQuoting.identifier(column)
            + ") AS "
            + SqlQuoting.identifier(table)
            + ")";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, status);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return Optional.of(rs.getInt(1) == 1);
      }
    } catch (SQLException e) {
      // "no such column": the CHECK also reads other columns of the row.
      return Optional.empty();
    }
  }
}
