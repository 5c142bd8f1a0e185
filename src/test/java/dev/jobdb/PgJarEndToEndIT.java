package dev.jobdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobdb.testing.PgTestDatabase;
import dev.jobdb.testing.PgTestDatabase.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's "done when", through the built jar as a separate process against the tests' real
 * PostgreSQL: the shaded jar carries the driver, DATABASE_URL comes from the app's .env, and
 * verify-schema, migrate up and rollback behave on a CHECK table and an enum column.
 */
class PgJarEndToEndIT {
  private static final Path JAR = Path.of(System.getProperty("jobdb.jar", "target/jobdb.jar"));

  @TempDir Path folder;

  @Test
  void verifyMigrateVerifyRollbackOnACheckTableWithTheUrlFromDotEnv() throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 5000);
    String withPassword = db.url().replace("postgres@", "postgres:not-needed@");
    Files.writeString(folder.resolve(".env"), "DATABASE_URL=" + withPassword + "\n");

    Run drift = jobdb("verify-schema");
    assertThat(drift.exit).as(drift.err).isEqualTo(1);
    assertThat(drift.out).startsWith("database: " + db.url() + " (DATABASE_URL in "
        + folder.resolve(".env") + ", line 1)\n")
        .contains("DRIFT: the database rejects 4 statuses the app writes: timeout, retrying,"
            + " dead_letter, zombie");

    Run up = jobdb("migrate", "up", "--json");
    assertThat(up.exit).as(up.err).isZero();
    JsonNode result = new ObjectMapper().readTree(up.out);
    assertThat(result.get("outcome").asText()).isEqualTo("applied");
    assertThat(result.get("constraintChanges").get(0).get("allowedValues")).hasSize(9);
    assertThat(result.get("backup").get("jobs").asLong()).isEqualTo(5000);
    assertThat(result.toString()).doesNotContain("not-needed");

    assertThat(jobdb("verify-schema").exit).isZero();
    db.execute("UPDATE job_queue SET status = 'timeout' WHERE id = 9");
    Run refused = jobdb("rollback", "--no-backup");
    assertThat(refused.exit).isEqualTo(4);
    assertThat(refused.err).contains("timeout (1 row, id 9)");
    db.execute("UPDATE job_queue SET status = 'failed' WHERE id = 9");
    assertThat(jobdb("rollback", "--no-backup").exit).isZero();
    assertThat(jobdb("verify-schema").exit).isEqualTo(1);
  }

  @Test
  void anEnumColumnWidensThroughTheJar() throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.ENUM, 5000);

    Run up = jobdb("migrate", "up", "--no-backup", "--db-url", db.url());

    assertThat(up.exit).as(up.err).isZero();
    assertThat(up.out).contains("add value zombie to enum type public.job_status");
    assertThat(jobdb("verify-schema", "--db-url", db.url()).exit).isZero();
    assertThat(jobdb("rollback", "--no-backup", "--db-url", db.url()).exit).isEqualTo(4);
  }

  private record Run(int exit, String out, String err) {}

  private Run jobdb(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toAbsolutePath()
            .toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
    builder.environment().keySet().removeIf(k -> k.equals("DATABASE_URL") || k.equals("DB_PATH"));
    Path out = folder.resolve("out.txt");
    Path err = folder.resolve("err.txt");
    Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    // println ends lines with \r\n on Windows; the assertions compare \n-ended lines
    return new Run(p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8).replace("\r\n", "\n"),
        Files.readString(err, StandardCharsets.UTF_8).replace("\r\n", "\n"));
  }
}
