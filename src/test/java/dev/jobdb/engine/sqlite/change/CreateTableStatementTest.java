package dev.jobdb.engine.sqlite.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CreateTableStatementTest {
  @Test
  void findsAPlainName() {
    var s = CreateTableStatement.parse("CREATE TABLE job_queue (id INTEGER)");
    assertThat(s.name()).isEqualTo("job_queue");
    assertThat(s.withName("\"tmp\"")).isEqualTo("CREATE TABLE \"tmp\" (id INTEGER)");
    assertThat(s.afterName()).isEqualTo(" (id INTEGER)");
  }

  @Test
  void skipsIfNotExistsCommentsAndOddCase() {
    var s = CreateTableStatement.parse(
        "create /* job_queue x */ table -- the queue\n if NOT exists job_queue(id)");
    assertThat(s.name()).isEqualTo("job_queue");
    assertThat(s.withName("t")).isEqualTo(
        "create /* job_queue x */ table -- the queue\n if NOT exists t(id)");
  }

  @Test
  void unquotesEveryQuotingStyle() {
    assertThat(CreateTableStatement.parse("CREATE TABLE \"job \"\"q\"\"\" (a)").name())
        .isEqualTo("job \"q\"");
    assertThat(CreateTableStatement.parse("CREATE TABLE [job queue](a)").name())
        .isEqualTo("job queue");
    assertThat(CreateTableStatement.parse("CREATE TABLE `job``q` (a)").name()).isEqualTo("job`q");
    assertThat(CreateTableStatement.parse("CREATE TABLE 'jobs' (a)").name()).isEqualTo("jobs");
  }

  @Test
  void replacesOnlyTheNameAfterAMainPrefix() {
    var s = CreateTableStatement.parse("CREATE TABLE main . \"job_queue\" (a)");
    assertThat(s.name()).isEqualTo("job_queue");
    assertThat(s.withName("x")).isEqualTo("CREATE TABLE main . x (a)");
  }

  @Test
  void refusesTempTablesOtherSchemasAndOtherStatements() {
    assertThatThrownBy(() -> CreateTableStatement.parse("CREATE TEMP TABLE t (a)"))
        .hasMessageContaining("TEMP");
    assertThatThrownBy(() -> CreateTableStatement.parse("CREATE TABLE aux.t (a)"))
        .hasMessageContaining("schema main");
    assertThatThrownBy(() -> CreateTableStatement.parse("CREATE VIEW v AS SELECT 1"))
        .hasMessageContaining("not a CREATE TABLE");
  }

  @Test
  void seesAutoincrementOnlyInCode() {
    assertThat(CreateTableStatement.parse("CREATE TABLE t (id INTEGER PRIMARY KEY autoincrement)")
        .hasAutoincrement()).isTrue();
    assertThat(CreateTableStatement.parse(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, -- AUTOINCREMENT\n s TEXT DEFAULT 'AUTOINCREMENT')")
        .hasAutoincrement()).isFalse();
  }
}
