package dev.jobdb.engine.sqlite;

import dev.jobdb.engine.ChangeSession;
import dev.jobdb.db.SqlQuoting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * Rehearses a run's Liquibase work on an empty in-memory copy of the database's schema (and of
 * Liquibase's own history), before the real run takes the write lock. The first Liquibase command
 * in a JVM spends about a second loading classes and building its factories; done here, that second
 * is not spent while the app's workers wait for the lock. Best effort: whatever goes wrong here is
 * ignored, and the real run does the same work anyway.
 */
final class LiquibaseWarmUp {
  private static final List<String> HISTORY_TABLES =
      List.of("DATABASECHANGELOG", "DATABASECHANGELOGLOCK");

  private LiquibaseWarmUp() {}

  static void rehearse(Connection source, ChangeSession.Rehearsal work) {
    try (Connection memory = new SQLiteConfig().createConnection("jdbc:sqlite::memory:")) {
      copySchema(source, memory);
      try (RunTransaction tx = new RunTransaction(memory)) {
        work.run(tx.connection());
      }
    } catch (Exception | LinkageError ignored) {
      // only a rehearsal: the real run reports what is wrong
    }
  }

  /** Tables, indexes, views and triggers without rows; Liquibase's two tables with theirs. */
  private static void copySchema(Connection source, Connection memory) throws SQLException {
    List<String> statements = new ArrayList<>();
    try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%'"
            + " ESCAPE '\\' ORDER BY type = 'table' DESC, type = 'index' DESC, rowid")) {
      while (rs.next()) {
        statements.add(rs.getString(1));
      }
    }
    try (Statement s = memory.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
    for (String table : HISTORY_TABLES) {
      copyRows(source, memory, table);
    }
    try (Statement s = memory.createStatement()) {
      // a lock left by a killed run is cleared by the real run, inside its transaction
      s.execute("UPDATE DATABASECHANGELOGLOCK SET LOCKED = 0");
    } catch (SQLException noLockTableYet) {
      // a database jobdb never migrated
    }
  }

  private static void copyRows(Connection source, Connection memory, String table)
      throws SQLException {
    String quoted = SqlQuoting.quoted(table);
    try (Statement s = source.createStatement();
        ResultSet exists = s.executeQuery("SELECT 1 FROM sqlite_schema WHERE type = 'table'"
            + " AND name = " + SqlQuoting.literal(table))) {
      if (!exists.next()) {
        return;
      }
    }
    try (Statement s = source.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + quoted)) {
      int columns = rs.getMetaData().getColumnCount();
      String marks = String.join(", ", Collections.nCopies(columns, "?"));
      try (PreparedStatement insert = memory.prepareStatement(
          "INSERT INTO " + quoted + " VALUES (" + marks + ")")) {
        while (rs.next()) {
          for (int i = 1; i <= columns; i++) {
            insert.setObject(i, rs.getObject(i));
          }
          insert.executeUpdate();
        }
      }
    }
  }
}
