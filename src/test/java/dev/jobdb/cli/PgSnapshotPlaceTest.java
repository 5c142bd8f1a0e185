package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.engine.postgres.PgSnapshotFolder;
import dev.jobdb.testing.PgTestDatabase;
import dev.jobdb.testing.PgTestDatabase.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL snapshots go to one documented place, never the folder jobdb was started from; they
 * are named after host, port and database; the newest 10 are kept; restore finds the newest.
 */
class PgSnapshotPlaceTest {
  @TempDir Path dir;

  @Test
  void migrateUpWritesNothingIntoTheWorkingFolderAndSnapshotsIntoThePerUserFolder()
      throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 500);
    Path workingFolder = Path.of("").toAbsolutePath();
    List<String> before = names(workingFolder);
    Path folder = PgSnapshotFolder.of(null);
    String prefix = "127.0.0.1_" + db.url().replaceAll(".*:(\\d+)/(.*)", "$1_$2") + ".";
    try {
      CliRun run = CliRun.of("migrate", "up", "--db-url", db.url());

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(names(workingFolder)).isEqualTo(before);
      List<String> taken = names(folder).stream().filter(n -> n.startsWith(prefix)).toList();
      assertThat(taken).hasSize(1);
      assertThat(taken.get(0)).endsWith(".jobdb-pg-snapshot");
      assertThat(run.out()).contains("backup:   " + folder.resolve(taken.get(0)));
    } finally {
      for (String name : names(folder)) {
        if (name.startsWith(prefix)) {
          Files.delete(folder.resolve(name));
        }
      }
    }
  }

  @Test
  void jobdbBackupDirInTheEnvFileChoosesAnotherFolder() throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.ENUM, 500);
    Path env = Files.writeString(dir.resolve("app.env"), "JOBDB_BACKUP_DIR=snapshots\n");
    Files.createDirectories(dir.resolve("snapshots"));

    CliRun run = CliRun.of("migrate", "up", "--db-url", db.url(), "--env-file", env.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(names(dir.resolve("snapshots"))).hasSize(1);
  }

  @Test
  void twelveAlternatingRunsKeepTenAndRestoreWithoutFromBringsBackTheNewest() throws Exception {
    PgTestDatabase db = PgTestDatabase.deployed(Kind.CHECK, 2000);
    String rowsBeforeLast = null;
    for (int run = 1; run <= 12; run++) {
      rowsBeforeLast = db.fingerprint();
      CliRun r = run % 2 == 1
          ? CliRun.of("migrate", "up", "--db-url", db.url(), "--backup-dir", dir.toString())
          : CliRun.of("rollback", "--db-url", db.url(), "--backup-dir", dir.toString());
      assertThat(r.exitCode()).as("run " + run + ": " + r.err()).isZero();
      assertThat(names(dir)).hasSize(Math.min(run, 10));
    }
    db.execute("DELETE FROM job_queue WHERE id < 100");

    CliRun restore = CliRun.of("restore", "--db-url", db.url(), "--backup-dir", dir.toString());

    assertThat(restore.exitCode()).as(restore.err()).isZero();
    assertThat(db.fingerprint()).isEqualTo(rowsBeforeLast);
    assertThat(names(dir)).hasSizeLessThanOrEqualTo(10);
  }

  private static List<String> names(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
