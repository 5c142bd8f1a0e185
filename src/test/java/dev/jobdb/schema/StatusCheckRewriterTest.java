package dev.jobdb.schema;

import dev.jobdb.schema.parse.CreateTableParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobdb.config.StatusEnum;
import dev.jobdb.db.SqlQuoting;
import dev.jobdb.fixture.DeployedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCheckRewriterTest {
  private static final List<String> NINE = StatusEnum.BUILT_IN_VALUES;
  private static final String NAME = "ck_job_queue_status";
  private static final String NEW_CHECK =
      "CONSTRAINT ck_job_queue_status CHECK (status IN ('pending', 'running', 'completed',"
          + " 'failed', 'cancelled', 'timeout', 'retrying', 'dead_letter', 'zombie'))";

  @TempDir Path dir;

  private static String without(String sql) {
    return StatusCheckRewriter.without(sql, StatusCheckRewriter.find(sql, "status"));
  }

  @Test
  void withoutRemovesExactlyTheChecksTextAndTheWhitespaceOrCommaBeforeIt() {
    assertThat(without("CREATE TABLE t (id INTEGER,\n  status TEXT NOT NULL\n"
        + "    CHECK (status IN ('a', 'b')),\n  x INT)"))
        .isEqualTo("CREATE TABLE t (id INTEGER,\n  status TEXT NOT NULL,\n  x INT)");
    assertThat(without("CREATE TABLE t (status TEXT, x INT,\n  CHECK (status IN ('a')),\n"
        + "  CHECK (x > 0))"))
        .isEqualTo("CREATE TABLE t (status TEXT, x INT,\n  CHECK (x > 0))");
    assertThat(without("CREATE TABLE t (status TEXT CHECK(status IN ('a')), x INT,"
        + " CONSTRAINT c CHECK (status IN ('a', 'b')))"))
        .isEqualTo("CREATE TABLE t (status TEXT, x INT)");
  }

  @Test
  void withoutNeverPullsTextIntoALineComment() throws Exception {
    String sql = "CREATE TABLE t (status TEXT -- the job's state\n"
        + "    CHECK (status IN ('a', 'b')), x INT)";

    String stripped = without(sql);

    assertThat(stripped).isEqualTo("CREATE TABLE t (status TEXT -- the job's state\n, x INT)");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement s = c.createStatement()) {
      s.execute(stripped);
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pragma_table_info('t')")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
  }

  @Test
  void deployedTableGetsItsColumnLevelCheckReplacedInPlaceAndNothingElseChanges() throws Exception {
    Path db = dir.resolve("deployed.db");
    DeployedDatabase.create(db, DeployedDatabase.Shape.scaled(10));
    String stored = storedSql(db, "job_queue");

    String rewritten = StatusCheckRewriter.rewrite(stored, "status", NINE, NAME);

    String oldCheck =
        "CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled'))";
    assertThat(stored).containsOnlyOnce(oldCheck);
    assertThat(rewritten).isEqualTo(stored.replace(oldCheck, NEW_CHECK));
    assertThat(StatusCheckRewriter.find(rewritten, "status"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.columnLevel()).isTrue();
              assertThat(c.constraintName()).isEqualTo(NAME);
              assertThat(c.allowedValues()).containsExactlyElementsOf(NINE);
            });
    assertAcceptsExactly(rewritten, NINE);
  }

  @Test
  void appFixedTableKeepsItsTableLevelPlaceAndThePriorityCheck() throws Exception {
    String sql = DeployedDatabase.CREATE_APP_FIXED;

    String rewritten = StatusCheckRewriter.rewrite(sql, "status", NINE, NAME);

    int start = sql.indexOf("CHECK (status IN");
    int end = sql.indexOf("'zombie'))") + "'zombie'))".length();
    assertThat(rewritten).isEqualTo(sql.substring(0, start) + NEW_CHECK + sql.substring(end));
    assertThat(rewritten).contains("CHECK (priority >= 0 AND priority <= 20)");
    assertThat(StatusCheckRewriter.find(rewritten, "status"))
        .singleElement()
        .satisfies(c -> assertThat(c.columnLevel()).isFalse());
    assertAcceptsExactly(rewritten, NINE);
  }

  @Test
  void tableWithoutCheckGetsOneAsLastTableConstraintOnItsOwnLine() throws Exception {
    String sql = DeployedDatabase.CREATE_SERVICE_NO_CHECK;

    String rewritten = StatusCheckRewriter.rewrite(sql, "status", NINE, NAME);

    assertThat(rewritten)
        .isEqualTo(
            sql.replace(
                "    parent_job_id INTEGER NULL\n)",
                "    parent_job_id INTEGER NULL,\n    " + NEW_CHECK + "\n)"));
    assertAcceptsExactly(rewritten, NINE);
  }

  @Test
  void tableWithoutCheckOnOneLineGetsItAfterTheLastEntry() throws Exception {
    String rewritten =
        StatusCheckRewriter.rewrite(
            "CREATE TABLE job_queue (id INTEGER, status TEXT) STRICT",
            "status",
            List.of("a"),
            "ck");

    assertThat(rewritten)
        .isEqualTo(
            "CREATE TABLE job_queue (id INTEGER, status TEXT, CONSTRAINT ck CHECK (status IN"
                + " ('a'))) STRICT");
    assertAcceptsExactly(rewritten, List.of("a"));
  }

  @Test
  void aCommentAfterTheLastEntryStaysAfterItAndOutsideTheNewSql() throws Exception {
    String sql = "CREATE TABLE job_queue (\n  id INTEGER,\n  status TEXT -- the state, see app\n)";

    String rewritten = StatusCheckRewriter.rewrite(sql, "status", List.of("a", "b"), "ck");

    assertThat(rewritten)
        .isEqualTo(
            "CREATE TABLE job_queue (\n  id INTEGER,\n  status TEXT,"
                + " CONSTRAINT ck CHECK (status IN ('a', 'b')) -- the state, see app\n)");
    assertAcceptsExactly(rewritten, List.of("a", "b"));
  }

  @Test
  void severalChecksOnTheColumnBecomeOneAtThePlaceOfTheFirst() throws Exception {
    String sql =
        "CREATE TABLE job_queue (\n"
            + "    id INTEGER PRIMARY KEY,\n"
            + "    status TEXT NOT NULL CHECK (status IN ('pending'))"
            + " CHECK (status IN ('pending', 'running')) DEFAULT 'pending',\n"
            + "    priority INT,\n"
            + "    CHECK (status IN ('pending')),\n"
            + "    CHECK (priority >= 0),\n"
            + "    -- an old rule\n"
            + "    CONSTRAINT old CHECK (status IN ('a'))\n"
            + ")";

    String rewritten = StatusCheckRewriter.rewrite(sql, "status", NINE, NAME);

    assertThat(rewritten)
        .isEqualTo(
            "CREATE TABLE job_queue (\n"
                + "    id INTEGER PRIMARY KEY,\n"
                + "    status TEXT NOT NULL "
                + NEW_CHECK
                + " DEFAULT 'pending',\n"
                + "    priority INT,\n"
                + "    CHECK (priority >= 0)\n"
                + ")");
    assertAcceptsExactly(rewritten, NINE);
  }

  @Test
  void weirdCaseCommentsAndQuotesArePreservedAroundTheReplacement() throws Exception {
    String sql =
        "create table \"job_queue\" ( /* jobs */ \"id\" integer primary key,\n"
            + "  [status] text /* the state */ constraint \"Old Name\" check(\"STATUS\""
            + " in('a','it''s')) -- tail\n"
            + ", x INT)";

    String rewritten =
        StatusCheckRewriter.rewrite(sql, "status", List.of("a", "it's", "b"), "ck status");

    assertThat(rewritten)
        .isEqualTo(
            "create table \"job_queue\" ( /* jobs */ \"id\" integer primary key,\n"
                + "  [status] text /* the state */ CONSTRAINT \"ck status\""
                + " CHECK (status IN ('a', 'it''s', 'b')) -- tail\n, x INT)");
    assertAcceptsExactly(rewritten, List.of("a", "it's", "b"));
  }

  @Test
  void theCheckMayKeepItsOwnNameAndRewritingTwiceChangesNothing() {
    String once = StatusCheckRewriter.rewrite(DeployedDatabase.CREATE_001, "status", NINE, NAME);

    assertThat(StatusCheckRewriter.rewrite(once, "status", NINE, NAME)).isEqualTo(once);
  }

  @Test
  void namesAndValuesAreQuotedOnlyWhenSqliteNeedsIt() {
    assertThat(StatusCheckRewriter.clause("status", List.of("o'k"), "ck_1"))
        .isEqualTo("CONSTRAINT ck_1 CHECK (status IN ('o''k'))");
    assertThat(StatusCheckRewriter.clause("order", List.of(), "check"))
        .isEqualTo("CONSTRAINT \"check\" CHECK (\"order\" IN ())");
    assertThat(SqlQuoting.identifier("a\"b")).isEqualTo("\"a\"\"b\"");
  }

  @Test
  void refusesWhenAnotherConstraintHasTheName() {
    String sql = "CREATE TABLE job_queue (status TEXT, p INT CONSTRAINT ck CHECK (p > 0))";

    assertThatThrownBy(() -> StatusCheckRewriter.rewrite(sql, "status", NINE, "CK"))
        .isInstanceOf(RewriteRefusedException.class)
        .hasMessageContaining("already has a constraint named CK");
  }

  @Test
  void refusesACheckItCannotReadInsteadOfDroppingItsOtherRule() {
    String sql =
        "CREATE TABLE job_queue (status TEXT, worker_id TEXT,"
            + " CHECK (status <> 'running' OR worker_id IS NOT NULL))";

    assertThatThrownBy(() -> StatusCheckRewriter.rewrite(sql, "status", NINE, NAME))
        .isInstanceOf(RewriteRefusedException.class)
        .hasMessageContaining("not a plain IN list")
        .hasMessageContaining("CHECK (status <> 'running' OR worker_id IS NOT NULL)");
  }

  @Test
  void refusesAMissingColumn() {
    assertThatThrownBy(
            () -> StatusCheckRewriter.rewrite("CREATE TABLE t (state TEXT)", "status", NINE, NAME))
        .isInstanceOf(RewriteRefusedException.class)
        .hasMessage("table t has no column status");
  }

  /** Documents SQLite 3.54's ALTER TABLE DROP CONSTRAINT on what the rewriter writes. */
  @Test
  void sqliteCanDropTheNamedColumnLevelCheckTheRewriterWrites() throws Exception {
    String rewritten =
        StatusCheckRewriter.rewrite(DeployedDatabase.CREATE_001, "status", NINE, NAME);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("drop.db"));
        Statement s = c.createStatement()) {
      s.execute(rewritten);
      s.execute("ALTER TABLE job_queue DROP CONSTRAINT " + NAME);
      String after = storedSql(c, "job_queue");

      assertThat(StatusCheckRewriter.find(after, "status")).isEmpty();
      assertThat(after).contains("status TEXT NOT NULL DEFAULT 'pending',");
    }
  }

  /** Creates the table in a fresh database; every given status inserts, anything else fails. */
  private void assertAcceptsExactly(String createTableSql, List<String> allowed) throws Exception {
    String name = CreateTableParser.parse(createTableSql).name();
    Path db = dir.resolve("check-" + System.nanoTime() + ".db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute(createTableSql);
      List<String> rejected = new ArrayList<>();
      for (String status : allowed) {
        if (!inserts(c, name, status)) {
          rejected.add(status);
        }
      }
      assertThat(rejected).as("allowed statuses the table rejects").isEmpty();
      assertThat(inserts(c, name, "bogus")).as("'bogus' is rejected").isFalse();
    }
  }

  /** Inserts a row with this status, giving every other NOT NULL column without default a value. */
  private static boolean inserts(Connection c, String table, String status) throws SQLException {
    List<String> columns = new ArrayList<>(List.of("status"));
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA table_info(\"" + table + "\")")) {
      while (rs.next()) {
        boolean required = rs.getInt("notnull") == 1 && rs.getString("dflt_value") == null;
        if (required && !rs.getString("name").equalsIgnoreCase("status")) {
          columns.add("\"" + rs.getString("name") + "\"");
        }
      }
    }
    String sql =
        "INSERT INTO \""
            + table
            + "\" ("
            + String.join(", ", columns)
            + ") VALUES (?"
            + ", '1'".repeat(columns.size() - 1)
            + ")";
    try (var insert = c.prepareStatement(sql)) {
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

  private static String storedSql(Path db, String table) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      return storedSql(c, table);
    }
  }

  private static String storedSql(Connection c, String table) throws SQLException {
    try (var q = c.prepareStatement("SELECT sql FROM sqlite_schema WHERE name = ?")) {
      q.setString(1, table);
      ResultSet rs = q.executeQuery();
      rs.next();
      return rs.getString(1);
    }
  }
}
