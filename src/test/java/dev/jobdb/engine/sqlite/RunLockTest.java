package dev.jobdb.engine.sqlite;

import dev.jobdb.run.LiquibaseLockOwner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  /**
   * Windows locks are mandatory: the holder's lines cannot be read while the lock is held, so
   * jobdb names no holder there (RunLock.describeHolder).
   */
  private static final boolean WINDOWS = OS.WINDOWS.isCurrentOs();

  @TempDir Path dir;

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows locks are mandatory: the lock"
      + " file cannot be read while held, so jobdb says 'holder unknown' (see the tests below)")
  void aSecondProcessIsToldWhoHoldsTheLock() throws Exception {
    Path db = TestDatabases.deployed(dir);
    Process holder = startHolder(db, "migrate up");
    try {
      assertThatThrownBy(() -> RunLock.acquire(db, "migrate up"))
          .isInstanceOf(JobdbException.class)
          .hasMessageMatching("another jobdb \\(pid " + holder.pid() + ", migrate up, since "
              + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\) is working on "
              + java.util.regex.Pattern.quote(db.toString()) + ": wait for it to finish")
          .satisfies(e -> assertThat(((JobdbException) e).exitCode())
              .isEqualTo(ExitCode.DATABASE_UNUSABLE));
    } finally {
      holder.getOutputStream().close(); // the holder finishes
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    try (RunLock lock = RunLock.acquire(db, "rollback")) {
      assertThat(lock.lockFile()).isEqualTo(dir.resolve("tracks.db.jobdb.lock"));
      assertThat(Files.readString(lock.lockFile()))
          .startsWith("pid=" + ProcessHandle.current().pid() + "\ncommand=rollback\nsince=");
    }
    assertThat(Files.readString(dir.resolve("tracks.db.jobdb.lock"))).isEmpty();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows frees the locks of a killed process"
      + " after a delay of its own choosing, so an immediate second acquire may still find it held")
  void aKilledHolderLeavesNoLockBehind() throws Exception {
    Path db = TestDatabases.deployed(dir);
    Process holder = startHolder(db, "migrate up");
    holder.destroyForcibly(); // SIGKILL
    assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

    try (RunLock lock = RunLock.acquire(db, "migrate up")) {
      assertThat(Files.readString(lock.lockFile())).contains("pid=" + ProcessHandle.current().pid());
    }
  }

  @Test
  void aSecondAcquireInTheSameProcessFailsToo() throws Exception {
    Path db = TestDatabases.deployed(dir);
    try (RunLock first = RunLock.acquire(db, "migrate up")) {
      assertThatThrownBy(() -> RunLock.acquire(db, "status"))
          .hasMessageStartingWith("another jobdb (" + holderOfThisProcess());
    }
    RunLock.acquire(db, "status").close();
  }

  @Test
  void sqliteClosingItsFilesDoesNotDropTheLock() throws Exception {
    Path db = TestDatabases.deployed(dir);
    try (RunLock lock = RunLock.acquire(db, "migrate up")) {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
        c.createStatement().execute("INSERT INTO job_queue (job_type, job_data) VALUES ('x', '')");
      }
      Process other = start(db, "status");
      String line = new BufferedReader(new InputStreamReader(other.getInputStream())).readLine();
      assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();

      assertThat(line).startsWith("failed: another jobdb (" + holderOfThisProcess());
      assertThat(other.exitValue()).isEqualTo(ExitCode.DATABASE_UNUSABLE.code());
    }
  }

  @Test
  void clearsALiquibaseLockLeftByAKilledJobdb() throws Exception {
    Path db = TestDatabases.deployed(dir);
    Process ended = new ProcessBuilder("java", "-version").start();
    ended.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
    ended.waitFor();
    String killed = liquibase.util.NetUtil.getLocalHostName() + "#jobdb-pid-" + ended.pid()
        + " (10.0.0.2)";
    TestDatabases.execute(db, List.of(
        // as Liquibase 4.33 creates and fills it on SQLite
        "CREATE TABLE DATABASECHANGELOGLOCK (ID INTEGER NOT NULL, LOCKED BOOLEAN NOT NULL,"
            + " LOCKGRANTED TEXT, LOCKEDBY VARCHAR(255),"
            + " CONSTRAINT PK_DATABASECHANGELOGLOCK PRIMARY KEY (ID))",
        "INSERT INTO DATABASECHANGELOGLOCK VALUES (1, 1, '2026-11-29 22:28:41', '" + killed + "')"));

    try (RunLock lock = RunLock.acquire(db, "migrate up");
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      assertThat(LiquibaseLockOwner.clearAbandoned(c, new SqliteSchema(c), false)).contains(
          "cleared a Liquibase lock left by a killed run (" + killed + ", 2026-11-29 22:28:41)");
      assertThat(LiquibaseLockOwner.clearAbandoned(c, new SqliteSchema(c), false)).isEmpty();
    }
    assertThat(TestDatabases.strings(db, "SELECT ID || ' ' || LOCKED || ' ' ||"
        + " quote(LOCKGRANTED) || ' ' || quote(LOCKEDBY) FROM DATABASECHANGELOGLOCK"))
        .containsExactly("1 0 NULL NULL");
  }

  @Test
  void leavesADatabaseWithoutLiquibaseTablesAlone() throws Exception {
    Path db = TestDatabases.deployed(dir);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      assertThat(LiquibaseLockOwner.clearAbandoned(c, new SqliteSchema(c), false)).isEmpty();
    }
    assertThat(TestDatabases.count(db, "SELECT count(*) FROM sqlite_schema"
        + " WHERE name LIKE 'DATABASECHANGELOG%'")).isZero();
  }

  /** How jobdb names this test process holding the lock for migrate up. */
  private static String holderOfThisProcess() {
    return WINDOWS ? "holder unknown: its lock file cannot be read while held)"
        : "pid " + ProcessHandle.current().pid() + ", migrate up, since ";
  }

  private static Process startHolder(Path db, String command) throws Exception {
    Process p = start(db, command);
    String line = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
    assertThat(line).isEqualTo("locked " + p.pid());
    return p;
  }

  private static Process start(Path db, String command) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        RunLockHolder.class.getName(), db.toString(), command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }
}
