package dev.jobdb.schema.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobdb.config.StatusEnum;
import dev.jobdb.fixture.DeployedDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreateTableParserTest {
  private static final List<String> FIVE =
      List.of("pending", "running", "completed", "failed", "cancelled");

  @Test
  void deployedTableHasOneUnnamedColumnLevelCheckAllowingFiveStatuses() {
    CreateTable table = CreateTableParser.parse(DeployedDatabase.CREATE_001);

    assertThat(table.name()).isEqualTo("job_queue");
    assertThat(table.columns()).hasSize(15);
    List<StatusCheck> checks = table.checksOn("status");
    assertThat(checks).hasSize(1);
    StatusCheck check = checks.get(0);
    assertThat(check.constraintName()).isNull();
    assertThat(check.columnLevel()).isTrue();
    assertThat(check.declaredOn()).isEqualTo("status");
    assertThat(check.isInList()).isTrue();
    assertThat(check.allowedValues()).containsExactlyElementsOf(FIVE);
    assertThat(DeployedDatabase.CREATE_001.substring(check.start(), check.end()))
        .isEqualTo("CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled'))");
  }

  @Test
  void columnsKeepTheirOrderAndDeclaredTypes() {
    CreateTable table = CreateTableParser.parse(DeployedDatabase.CREATE_001);

    assertThat(table.columns())
        .extracting(ColumnDefinition::name)
        .startsWith("id", "job_type", "job_data", "status", "priority", "created_at", "started_at")
        .endsWith("worker_id", "timeout_seconds", "parent_job_id");
    assertThat(table.columns())
        .extracting(ColumnDefinition::declaredType)
        .startsWith("INTEGER", "TEXT", "TEXT", "TEXT", "INTEGER", "TEXT");
    assertThat(table.elements().get(table.elements().size() - 1).kind())
        .isEqualTo(TableElement.Kind.TABLE_CONSTRAINT);
  }

  @Test
  void appFixedTableHasTableLevelStatusCheckWithNineAndIgnoresThePriorityCheck() {
    CreateTable table = CreateTableParser.parse(DeployedDatabase.CREATE_APP_FIXED);

    assertThat(table.columns()).hasSize(20);
    assertThat(table.checks()).hasSize(2);
    List<StatusCheck> checks = table.checksOn("status");
    assertThat(checks).hasSize(1);
    assertThat(checks.get(0).columnLevel()).isFalse();
    assertThat(checks.get(0).declaredOn()).isNull();
    assertThat(checks.get(0).allowedValues()).containsExactlyElementsOf(StatusEnum.BUILT_IN_VALUES);
    assertThat(table.checksOn("priority"))
        .singleElement()
        .satisfies(c -> assertThat(c.isInList()).isFalse());
  }

  @Test
  void serviceTableHasNoCheck() {
    CreateTable table = CreateTableParser.parse(DeployedDatabase.CREATE_SERVICE_NO_CHECK);

    assertThat(table.name()).isEqualTo("job_queue");
    assertThat(table.columns()).hasSize(15);
    assertThat(table.checks()).isEmpty();
    assertThat(table.checksOn("status")).isEmpty();
  }

  @Test
  void anyCaseWhitespaceQuotesAndInWithoutSpace() {
    String sql =
        "create   temp table if not exists main.\"job_queue\"(\n"
            + "  \"status\"\ttext not null\n\n"
            + "  check(  \"STATUS\"  in(  'pending' ,'running'  ) ))";

    CreateTable table = CreateTableParser.parse(sql);

    assertThat(table.name()).isEqualTo("job_queue");
    assertThat(table.checksOn("status"))
        .singleElement()
        .satisfies(c -> assertThat(c.allowedValues()).containsExactly("pending", "running"));
  }

  @Test
  void commentsInsideTheCheckAndEscapedQuotesInValues() {
    String sql =
        "CREATE TABLE job_queue (id INTEGER, -- a comment with CHECK (status IN ('x'))\n"
            + "  status TEXT /* ) , */ CHECK /* why */ (status -- in\n"
            + "  IN ('a', 'it''s', '-- not a comment')))";

    List<StatusCheck> checks = CreateTableParser.parse(sql).checksOn("status");

    assertThat(checks)
        .singleElement()
        .satisfies(
            c -> assertThat(c.allowedValues()).containsExactly("a", "it's", "-- not a comment"));
  }

  @Test
  void namedChecksKeepTheirNameAndTheSpanStartsAtConstraint() {
    String sql =
        "CREATE TABLE job_queue (\n"
            + "  status TEXT NOT NULL CONSTRAINT ck_col CHECK (status IN ('a')) DEFAULT 'a',\n"
            + "  CONSTRAINT \"ck table\" CHECK ([status] IN ('a', 'b')),\n"
            + "  constraint `ck_tick` check (`status` in ('b'))\n"
            + ")";

    List<StatusCheck> checks = CreateTableParser.parse(sql).checksOn("status");

    assertThat(checks)
        .extracting(StatusCheck::constraintName)
        .containsExactly("ck_col", "ck table", "ck_tick");
    assertThat(checks).extracting(StatusCheck::columnLevel).containsExactly(true, false, false);
    assertThat(sql.substring(checks.get(0).start(), checks.get(0).end()))
        .isEqualTo("CONSTRAINT ck_col CHECK (status IN ('a'))");
    assertThat(sql.substring(checks.get(1).start(), checks.get(1).end()))
        .isEqualTo("CONSTRAINT \"ck table\" CHECK ([status] IN ('a', 'b'))");
  }

  @Test
  void qualifiedColumnWrappingParensDoubleQuotedValuesAndEmptyList() {
    String sql =
        "CREATE TABLE job_queue (status TEXT,"
            + " CHECK (job_queue.status IN ('a')),"
            + " CHECK (((status IN ('a', 'b')))),"
            + " CHECK (status IN (\"a\", 'c')),"
            + " CHECK (status IN ()))";

    List<StatusCheck> checks = CreateTableParser.parse(sql).checksOn("status");

    assertThat(checks).allMatch(StatusCheck::isInList);
    assertThat(checks)
        .extracting(StatusCheck::allowedValues)
        .containsExactly(List.of("a"), List.of("a", "b"), List.of("a", "c"), List.of());
  }

  @Test
  void checksThatMentionStatusInAnotherFormAreReportedAsOther() {
    String sql =
        "CREATE TABLE job_queue (status TEXT, priority INT, other TEXT,"
            + " CHECK (status = 'a' OR status = 'b'),"
            + " CHECK (status NOT IN ('x')),"
            + " CHECK (status IN ('a', NULL)),"
            + " CHECK (status IN ('a') AND priority > 0),"
            + " CHECK (status IN (\"other\")),"
            + " CHECK (length(status) > 0))";

    List<StatusCheck> checks = CreateTableParser.parse(sql).checksOn("status");

    assertThat(checks).hasSize(6);
    assertThat(checks).noneMatch(StatusCheck::isInList);
    assertThat(checks).allSatisfy(c -> assertThat(c.allowedValues()).isEmpty());
    assertThat(checks.get(0).expression()).isEqualTo("status = 'a' OR status = 'b'");
  }

  @Test
  void otherColumnsAndStatusInsideStringsAreNotStatusChecks() {
    String sql =
        "CREATE TABLE job_queue (status TEXT, status_code INT CHECK (status_code IN (1, 2)),"
            + " kind TEXT CHECK (kind <> 'status'))";

    CreateTable table = CreateTableParser.parse(sql);

    assertThat(table.checks()).hasSize(2);
    assertThat(table.checksOn("status")).isEmpty();
    assertThat(table.checksOn("status_code"))
        .singleElement()
        .satisfies(c -> assertThat(c.allowedValues()).containsExactly("1", "2"));
  }

  @Test
  void typesWithParenthesesGeneratedColumnsAndTableOptions() {
    String sql =
        "CREATE TABLE t (a VARCHAR(20) NOT NULL, b UNSIGNED BIG INT, c, d DECIMAL(10, 2),"
            + " e TEXT GENERATED ALWAYS AS (upper(a)) STORED, f AS (a || 'CHECK (a)'),"
            + " PRIMARY KEY (a, b), UNIQUE (c) ON CONFLICT REPLACE) WITHOUT ROWID, STRICT";

    CreateTable table = CreateTableParser.parse(sql);

    assertThat(table.columns())
        .extracting(ColumnDefinition::name)
        .containsExactly("a", "b", "c", "d", "e", "f");
    assertThat(table.columns())
        .extracting(ColumnDefinition::declaredType)
        .containsExactly("VARCHAR(20)", "UNSIGNED BIG INT", "", "DECIMAL(10, 2)", "TEXT", "");
    assertThat(table.checks()).isEmpty();
    assertThat(sql.charAt(table.bodyClose())).isEqualTo(')');
    assertThat(sql.substring(table.bodyClose())).startsWith(") WITHOUT ROWID");
  }

  @Test
  void constraintNamesOfEveryKindAreCollected() {
    String sql =
        "CREATE TABLE t (a INT CONSTRAINT pk PRIMARY KEY, b INT CONSTRAINT nn NOT NULL,"
            + " CONSTRAINT 'uq' UNIQUE (b), CONSTRAINT ck CHECK (b > 0))";

    assertThat(CreateTableParser.parse(sql).constraintNames())
        .containsExactly("pk", "nn", "uq", "ck");
  }

  @Test
  void createTableAsSelectHasNoColumnListToRead() {
    assertThatThrownBy(() -> CreateTableParser.parse("CREATE TABLE t AS SELECT 1 AS status"))
        .isInstanceOf(SqlParseException.class)
        .hasMessageContaining("AS SELECT");
    assertThatThrownBy(() -> CreateTableParser.parse("CREATE INDEX i ON t(a)"))
        .isInstanceOf(SqlParseException.class)
        .hasMessageContaining("expected TABLE");
  }
}
