package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.testing.PgTestDatabase;
import dev.jobdb.testing.PgTestDatabase.Kind;
import dev.jobdb.testing.PgWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 14's walk on a real PostgreSQL, from an app folder whose .env names the server, the enum
 * (with PAUSED) and the changelog folder, while a writer inserts every few milliseconds: the same
 * changelog and history as on SQLite, and Liquibase's own command line agrees.
 */
class PgOneFlowWalkTest {
  private static final int ROWS = Integer.getInteger("jobdb.pg.walkRows", 100_000);
  private static final String FIVE = "pending, running, completed, failed, cancelled";
  private static final String TEN = FIVE + ", timeout, retrying, dead_letter, zombie, paused";

  @TempDir Path app;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theWalkOfIssue14(Kind kind) throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(kind, ROWS);
    String rows = fixtureRows(db);
    AppFolder.write(app.resolve("services/job_types.py"),
        AppFolder.withMemberAfterZombie("PAUSED = \"paused\"          # остановлена вручную"));
    String env = AppFolder.write(app.resolve(".env"), "DATABASE_URL=" + db.url() + "\n"
        + "JOBDB_ENUM=services/job_types.py\nJOBDB_CHANGELOG=db/changelog\n"
        + "JOBDB_BACKUP_DIR=" + app.resolve("snapshots") + "\n").toString();
    List<String> narrowing = kind == Kind.ENUM ? List.of("--rewrite-enum") : List.of();

    PgWriter writer = PgWriter.start(db, 5000);
    try (writer) {
      writer.awaitInserts(20);

      CliRun up = CliRun.of("migrate", "up", "--env-file", env);
      assertThat(up.exitCode()).as(up.err()).isZero();
      assertThat(up.out()).containsPattern("001-create-job-queue +adopted\n")
          .containsPattern("002-error-handling-columns +adopted\n")
          .containsPattern("003a-idx_job_queue_dead_letter +adopted\n")
          .containsPattern("003-status-accepts-all-job-statuses +ran \\(online\\)\n");
      assertThat(fixtureRows(db)).isEqualTo(rows);

      assertThat(liquibase(db, "history")).contains("003-status-accepts-all-job-statuses")
          .contains("002-error-handling-columns");

      CliRun diff = CliRun.of("migrate", "diff", "--env-file", env);
      assertThat(diff.exitCode()).as(diff.err()).isZero();
      assertThat(app.resolve("db/changelog/004-status-accepts-paused.yaml")).isRegularFile();

      String constraint = db.constraintText();
      long recorded = db.count("SELECT count(*) FROM databasechangelog");
      CliRun dryRun = CliRun.of("migrate", "up", "--env-file", env, "--dry-run");
      assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
      assertThat(dryRun.out()).contains("004-status-accepts-paused")
          .contains("nothing was changed");
      assertThat(db.constraintText()).isEqualTo(constraint);
      assertThat(db.count("SELECT count(*) FROM databasechangelog")).isEqualTo(recorded);

      CliRun upPaused = CliRun.of("migrate", "up", "--env-file", env);
      assertThat(upPaused.exitCode()).as(upPaused.err()).isZero();
      assertThat(upPaused.out()).containsPattern("004-status-accepts-paused +ran \\(online\\)\n");
      assertThat(liquibaseStatus(db)).contains("is up to date");

      db.execute("UPDATE job_queue SET status = 'paused' WHERE id = 5");
      String beforeRefusal = db.constraintText();
      CliRun refused = CliRun.of("rollback", "--env-file", env);
      assertThat(refused.exitCode()).as(refused.err()).isEqualTo(4);
      assertThat(refused.err()).contains("paused (1 row, id 5)");
      assertThat(db.constraintText()).isEqualTo(beforeRefusal);

      CliRun one = CliRun.of(args("rollback", "--env-file", env, "--count", "1",
          "--remap", "paused=pending").with(narrowing));
      assertThat(one.exitCode()).as(one.err()).isZero();
      assertThat(one.out()).containsPattern("004-status-accepts-paused +rolled back");
      assertThat(db.text("SELECT status::text FROM job_queue WHERE id = 5")).isEqualTo("pending");

      CliRun to = CliRun.of(args("rollback", "--env-file", env, "--to",
          "002-error-handling-columns").with(narrowing));
      assertThat(to.exitCode()).as(to.err()).isZero();
      assertThat(accepts(db)).isEqualTo(FIVE);
      assertThat(db.count("SELECT count(*) FROM databasechangelog")).isEqualTo(2);

      CliRun upAgain = CliRun.of("migrate", "up", "--env-file", env);
      assertThat(upAgain.exitCode()).as(upAgain.err()).isZero();
      assertThat(accepts(db)).isEqualTo(TEN);

      CliRun status = CliRun.of("status", "--env-file", env, "--json");
      assertThat(status.exitCode()).as(status.err()).isZero();
      assertThat(status.out()).doesNotContain("\"state\" : \"pending\"")
          .contains("\"snapshots\" : [ {").contains(app.resolve("snapshots").toString());
      writer.awaitInserts(20);
    }
    assertThat(writer.failures()).isEmpty();
    assertThat(db.count("SELECT count(*) FROM job_queue WHERE job_type = 'writer'"))
        .isEqualTo(writer.ids().size());
    assertThat(db.count("SELECT count(*) FROM job_queue")).isEqualTo(ROWS + writer.ids().size());
  }

  /** Every row but the writer's, column by column: what a status change must leave alone. */
  private static String fixtureRows(PgTestDatabase db) {
    return db.text("SELECT md5(string_agg(j::text, '|' ORDER BY j.id)) FROM job_queue j"
        + " WHERE job_type <> 'writer'");
  }

  private static String accepts(PgTestDatabase db) {
    String labels = db.text("SELECT string_agg(enumlabel, ', ' ORDER BY enumsortorder)"
        + " FROM pg_enum e JOIN pg_attribute a ON a.atttypid = e.enumtypid"
        + " WHERE a.attrelid = 'job_queue'::regclass AND a.attname = 'status'");
    if (labels != null && !labels.isEmpty() && !labels.equals("null")) {
      return labels;
    }
    String check = db.text("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
        + " WHERE conrelid = 'job_queue'::regclass AND conname = 'job_queue_status_check'");
    return String.join(", ", java.util.regex.Pattern.compile("'([^']*)'::text").matcher(check)
        .results().map(m -> m.group(1)).toList());
  }

  private String liquibase(PgTestDatabase db, String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "liquibase.integration.commandline.LiquibaseCommandLine",
        "--url", "jdbc:" + db.url().replaceFirst("//postgres@", "//"), "--username", "postgres",
        "--analytics-enabled=false"));
    args.addAll(List.of(command));
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private String liquibaseStatus(PgTestDatabase db) throws Exception {
    return liquibase(db, "--changelog-file", "master.yaml", "--search-path",
        app.resolve("db/changelog").toString(), "status");
  }

  private static Args args(String... first) {
    return new Args(List.of(first));
  }

  private record Args(List<String> first) {
    String[] with(List<String> more) {
      List<String> all = new ArrayList<>(first);
      all.addAll(more);
      return all.toArray(String[]::new);
    }
  }
}
