package dev.jobdb.schema.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.config.StatusEnum;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For CHECKs written every which way, the values the parser reads are exactly the values SQLite
 * lets through.
 */
class ParserAgreesWithSqliteTest {
  private static final List<String> PROBES = new ArrayList<>(StatusEnum.BUILT_IN_VALUES);

  static {
    PROBES.addAll(List.of("it's", "Pending", "PENDING", "bogus", "", " pending", "-- x"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CREATE TABLE job_queue (status TEXT CHECK (status IN ('pending', 'running')))",
        "create table job_queue (status text check(status in('pending','running')))",
        "CREATE TABLE job_queue (status TEXT NOT NULL DEFAULT 'pending'\n"
            + "\t\tCHECK\n"
            + "(\n"
            + "status\n"
            + "IN\n"
            + "('pending'\n"
            + ",\n"
            + "'it''s'\n"
            + ")\n"
            + "))",
        "CREATE TABLE job_queue (status TEXT /* ( */ CHECK /* ) */ (status -- IN ('x')\n IN"
            + " ('pending', '-- x', 'running')))",
        "CREATE TABLE \"job_queue\" (\"status\" TEXT, CONSTRAINT \"a b\" CHECK (\"status\" IN"
            + " ('pending')))",
        "CREATE TABLE [job_queue] ([status] TEXT, CHECK ([status] IN ('timeout', 'zombie')))",
        "CREATE TABLE `job_queue` (`status` TEXT CONSTRAINT `c` CHECK (`status` IN ('retrying')))",
        "CREATE TABLE job_queue (status TEXT, CHECK (job_queue.status IN ('pending', '')))",
        "CREATE TABLE job_queue (status TEXT, CHECK (((status IN ('Pending', ' pending')))))",
        "CREATE TABLE job_queue (status TEXT, CHECK (status IN (\"pending\", 'dead_letter')))",
        "CREATE TABLE job_queue (status TEXT, CHECK (status IN ()))",
        "CREATE TABLE job_queue (status TEXT CHECK (status IN ('pending', 'running')),"
            + " CHECK (status IN ('running', 'zombie')))",
        "CREATE TABLE job_queue (status TEXT, CHECK (Status In ('PENDING', 'failed')))",
      })
  void parserReadsWhatSqliteEnforces(String createTable) throws SQLException {
    CreateTable table = CreateTableParser.parse(createTable);
    List<StatusCheck> checks = table.checksOn("status");
    assertThat(checks).isNotEmpty().allMatch(StatusCheck::isInList);

    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement s = c.createStatement()) {
      s.execute(createTable);
      for (String probe : PROBES) {
        boolean parserAllows = checks.stream().allMatch(ch -> ch.allowedValues().contains(probe));
        assertThat(sqliteAllows(c, probe))
            .as("'%s' in %s", probe, createTable)
            .isEqualTo(parserAllows);
      }
    }
  }

  private static boolean sqliteAllows(Connection c, String status) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO job_queue (status) VALUES (?)")) {
      insert.setString(1, status);
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (e.getMessage().contains("CHECK constraint failed")) {
        return false;
      }
      throw e;
    }
  }
}
