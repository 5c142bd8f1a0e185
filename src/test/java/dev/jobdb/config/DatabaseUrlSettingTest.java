package dev.jobdb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --db-url > DATABASE_URL (environment) > DATABASE_URL (.env); never with a SQLite path. */
class DatabaseUrlSettingTest {
  @TempDir Path dir;

  @Test
  void flagBeatsEnvironmentWhichBeatsTheEnvFile() throws Exception {
    Files.writeString(dir.resolve(".env"), "DATABASE_URL=postgresql://f@file:5432/a\n");
    Map<String, String> env = Map.of("DATABASE_URL", "postgresql://e@env:5432/b");

    assertThat(locator(env).locate("postgresql://u@flag:5432/c", null, null).get().describe())
        .isEqualTo("postgresql://u@flag:5432/c (--db-url)");
    assertThat(locator(env).locate(null, null, null).get().describe())
        .isEqualTo("postgresql://e@env:5432/b (environment variable DATABASE_URL)");
    assertThat(locator(Map.of()).locate(null, null, null).get().describe())
        .isEqualTo("postgresql://f@file:5432/a (DATABASE_URL in " + dir.resolve(".env") + ", line 1)");
  }

  @Test
  void noUrlMeansSqlite() {
    assertThat(locator(Map.of("DB_PATH", "tracks.db")).locate(null, null, null)).isEmpty();
  }

  @Test
  void thePasswordGoesToTheDriverNeverIntoWhatIsShown() {
    DatabaseUrl url = locator(Map.of())
        .locate("postgresql://app:p%40ss:w0rd@db.internal:6432/jobs?sslmode=require", null, null)
        .get();

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/jobs?sslmode=require");
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isEqualTo("p@ss:w0rd");
    assertThat(url.display()).isEqualTo("postgresql://app@db.internal:6432/jobs?sslmode=require");
    assertThat(url.toString()).doesNotContain("w0rd");
  }

  @Test
  void theJdbcFormKeepsItsParametersButNotThePassword() {
    DatabaseUrl url = locator(Map.of()).locate(
        "jdbc:postgresql://localhost/jobs?user=app&password=secret&ApplicationName=x", null, null)
        .get();

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/jobs?ApplicationName=x");
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isEqualTo("secret");
    assertThat(url.display()).isEqualTo("postgresql://app@localhost/jobs?ApplicationName=x");
  }

  @Test
  void aUrlBesideAnySqlitePathIsAUsageError() throws Exception {
    Files.writeString(dir.resolve(".env"), "DB_PATH=tracks.db\n");

    assertThatThrownBy(() -> locator(Map.of("DATABASE_URL", "postgresql://u:pw@h/db"))
        .locate(null, null, null))
        .isInstanceOf(JobdbException.class)
        .hasMessage("both a SQLite file (DB_PATH in " + dir.resolve(".env") + ", line 1) and a"
            + " PostgreSQL URL (environment variable DATABASE_URL) are set: keep one"
            + " (--db/DB_PATH for SQLite, --db-url/DATABASE_URL for PostgreSQL)")
        .extracting(e -> ((JobdbException) e).exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void somethingElseThanAPostgresqlUrlIsAUsageErrorThatDoesNotRepeatIt() {
    assertThatThrownBy(() -> locator(Map.of()).locate("mysql://u:hunter2@h/db", null, null))
        .isInstanceOf(JobdbException.class)
        .hasMessage("database URL (--db-url): not a PostgreSQL URL (it must start with"
            + " postgresql://, postgres:// or jdbc:postgresql://); write it as"
            + " postgresql://user:password@host:5432/database");
    assertThatThrownBy(() -> locator(Map.of()).locate("postgresql://u@h:5432/", null, null))
        .hasMessageContaining("no database name after the host");
    assertThatThrownBy(() -> locator(Map.of()).locate(" ", null, null))
        .hasMessageStartingWith("empty database URL (--db-url)");
  }

  /** The URL rule, with the environment passed in. */
  private Rule locator(Map<String, String> environment) {
    return (url, db, envFile) -> new Settings(environment, dir, envFile).databaseUrl(url, db);
  }

  private interface Rule {
    java.util.Optional<DatabaseUrl> locate(String url, String db, String envFile);
  }
}
