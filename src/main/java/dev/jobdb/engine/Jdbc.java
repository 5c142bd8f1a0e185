package dev.jobdb.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC the engines share. */
public final class Jdbc {
  private Jdbc() {}

  /** True when {@code sql}, given {@code args} as its string parameters, returns a row. */
  public static boolean anyRow(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }
}
