package dev.jobdb.engine.sqlite;

import dev.jobdb.db.SqlQuoting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Liquibase's two tables as a run found them, so that bookkeeping the run committed on its own
 * (the tables created, changesets recorded as adopted, its lock row) can be put back exactly when a
 * later changeset fails: every row with its rowid, or no table where there was none.
 */
final class LiquibaseTables {
  private static final List<String> TABLES = List.of("DATABASECHANGELOG", "DATABASECHANGELOGLOCK");

  private static final Pattern BOOKKEEPING = Pattern.compile(
      "\\s*(?:CREATE\\s+TABLE|INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+\"?"
          + "(?:DATABASECHANGELOG|DATABASECHANGELOGLOCK)\"?(?:[\\s(]|$)",
      Pattern.CASE_INSENSITIVE);

  /** True for a statement that writes only to Liquibase's own tables. */
  static boolean isBookkeeping(String sql) {
    return BOOKKEEPING.matcher(sql).lookingAt();
  }

  private record Table(String columns, List<Object[]> rows) {}

  /** By name, only the tables that existed. */
  private final Map<String, Table> existing;

  private LiquibaseTables(Map<String, Table> existing) {
    this.existing = existing;
  }

  static LiquibaseTables read(Connection c) throws SQLException {
    Map<String, Table> existing = new HashMap<>();
    for (String table : TABLES) {
      if (!exists(c, table)) {
        continue;
      }
      String quoted = SqlQuoting.quoted(table);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT rowid, * FROM " + quoted)) {
        int count = rs.getMetaData().getColumnCount();
        List<String> names = new ArrayList<>();
        for (int i = 2; i <= count; i++) {
          names.add(SqlQuoting.quoted(rs.getMetaData().getColumnName(i)));
        }
        List<Object[]> rows = new ArrayList<>();
        while (rs.next()) {
          Object[] row = new Object[count];
          for (int i = 1; i <= count; i++) {
            row[i - 1] = rs.getObject(i);
          }
          rows.add(row);
        }
        existing.put(table, new Table("rowid, " + String.join(", ", names), rows));
      }
    }
    return new LiquibaseTables(existing);
  }

  /** Puts both tables back as they were read, inside the caller's transaction. */
  void restore(Connection c) throws SQLException {
    for (String table : TABLES) {
      Table before = existing.get(table);
      try (Statement s = c.createStatement()) {
        if (before == null) {
          s.execute("DROP TABLE IF EXISTS " + SqlQuoting.quoted(table));
          continue;
        }
        s.execute("DELETE FROM " + SqlQuoting.quoted(table));
      }
      if (before.rows().isEmpty()) {
        continue;
      }
      int width = before.rows().get(0).length;
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO "
          + SqlQuoting.quoted(table) + " (" + before.columns() + ") VALUES ("
          + String.join(", ", Collections.nCopies(width, "?")) + ")")) {
        for (Object[] row : before.rows()) {
          for (int i = 0; i < width; i++) {
            insert.setObject(i + 1, row[i]);
          }
          insert.executeUpdate();
        }
      }
    }
  }

  private static boolean exists(Connection c, String table) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE")) {
      s.setString(1, table);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }
}
