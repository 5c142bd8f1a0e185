package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobdb.testing.PgTestDatabase;
import dev.jobdb.testing.PgTestDatabase.Kind;
import org.junit.jupiter.api.Test;

/** verify-schema against a real PostgreSQL: the same report, JSON and exit codes as SQLite. */
class PgVerifySchemaTest {
  @Test
  void checkTableDriftsAndNamesTheFourRejectedStatuses() {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 1000);

    CliRun run = CliRun.of("verify-schema", "--db-url", db.url());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEmpty();
    assertThat(run.outLines().get(0)).isEqualTo("database: " + db.url() + " (--db-url)");
    assertThat(run.outLines().get(2)).isEqualTo("DRIFT: the database rejects 4 statuses the app"
        + " writes: timeout, retrying, dead_letter, zombie");
    assertThat(run.out())
        .contains("named job_queue_status_check: CHECK ((status = ANY (ARRAY['pending'::text,")
        .containsPattern("ok +columns +all 20 the app needs are present")
        .containsPattern("ok +indexes +all 8 present")
        .containsPattern("completed +710\n")
        .containsPattern("zombie +0  rejected by the database\n")
        .containsPattern("total +1000\n");
  }

  @Test
  void enumColumnDriftsTheSameWayAndListsTheTypeInSortOrder() throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.ENUM, 100);
    db.execute("ALTER TYPE job_status ADD VALUE 'archived' BEFORE 'pending'");

    CliRun run = CliRun.of("verify-schema", "--db-url", db.url(), "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("database").get("url").asText()).isEqualTo(db.url());
    assertThat(json.get("rejectedStatuses").toString())
        .isEqualTo("[\"timeout\",\"retrying\",\"dead_letter\",\"zombie\"]");
    assertThat(json.get("extraAllowedStatuses").toString()).isEqualTo("[\"archived\"]");
    assertThat(json.get("constraint").get("allowedValues").toString()).isEqualTo(
        "[\"archived\",\"pending\",\"running\",\"completed\",\"failed\",\"cancelled\"]");
    assertThat(json.get("totalJobs").asLong()).isEqualTo(100);
  }

  @Test
  void everyStoredFormOfTheCheckIsRead() {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 10);
    db.execute("ALTER TABLE job_queue DROP CONSTRAINT job_queue_status_check;"
        + " ALTER TABLE job_queue ALTER COLUMN status TYPE varchar(20);"
        + " ALTER TABLE job_queue ADD CONSTRAINT only_known CHECK (status IN ('pending', 'running',"
        + " 'completed', 'failed', 'cancelled', 'timeout', 'retrying', 'dead_letter', 'zombie'));"
        + " ALTER TABLE job_queue ADD CONSTRAINT no_zombies CHECK (status <> 'zombie'"
        + " AND length(status) > 0)");

    CliRun run = CliRun.of("verify-schema", "--db-url", db.url());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines().get(2))
        .isEqualTo("DRIFT: the database rejects 1 status the app writes: zombie");
    assertThat(run.out()).contains("named only_known: CHECK (((status)::text = ANY");
  }

  @Test
  void widenedTableIsInSync() {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 10);
    db.execute("ALTER TABLE job_queue DROP CONSTRAINT job_queue_status_check;"
        + " ALTER TABLE job_queue ADD CHECK (status IN ('pending', 'running', 'completed',"
        + " 'failed', 'cancelled', 'timeout', 'retrying', 'dead_letter', 'zombie'))");

    CliRun run = CliRun.of("verify-schema", "--db-url", db.url());

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines().get(2)).isEqualTo("IN SYNC: job_queue accepts all 9 JobStatus"
        + " values and has all 20 columns the app needs");
  }

  @Test
  void aDatabaseWithoutJobQueueIsUnusable() {
    PgTestDatabase db = PgTestDatabase.empty();
    db.execute("CREATE TABLE playlists (id int)");

    CliRun run = CliRun.of("verify-schema", "--db-url", db.url());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.errLines()).containsExactly("jobdb: no job_queue table in " + db.url()
        + " (--db-url) (its tables: playlists): this is not the app's database; point --db-url"
        + " or DATABASE_URL at the app's database");
  }

  @Test
  void theAnnouncedLineAndErrorsNeverShowThePassword() {
    PgTestDatabase db = PgTestDatabase.empty();
    String withPassword = db.url().replace("postgres@", "postgres:s3cret@")
        .replace(db.url().substring(db.url().lastIndexOf('/')), "/no_such_db");

    CliRun run = CliRun.of("verify-schema", "--db-url", "jdbc:" + withPassword);

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out() + run.err()).doesNotContain("s3cret")
        .contains("postgresql://postgres@127.0.0.1:");
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("check the database name in the URL");
  }

  @Test
  void aUrlAndADatabaseFileTogetherAreAUsageError() {
    CliRun run = CliRun.of("verify-schema", "--db-url",
        "postgresql://u:secret@localhost:5432/app", "--db", "tracks.db");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).doesNotContain("secret");
    assertThat(run.errLines()).containsExactly("jobdb: both a SQLite file (--db) and a"
        + " PostgreSQL URL (--db-url) are set: keep one (--db/DB_PATH for SQLite,"
        + " --db-url/DATABASE_URL for PostgreSQL)");
  }

  @Test
  void migrateDiffOnPostgresNeedsTheAppsChangelogFolderLikeOnSqlite() {
    CliRun run = CliRun.of("migrate", "diff", "--db-url", "postgresql://u:secret@localhost/app");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("migrate diff writes the changeset into the app's changelog"
        + " folder, and none is set").doesNotContain("secret");
  }
}
