package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed while copying its snapshot leaves a hidden {@code .partial} file named after its
 * process; the next run removes it once that process is provably gone, and leaves a live one's.
 */
class PartialSnapshotLeftoverTest {
  @TempDir Path dir;

  @Test
  void theNextRunRemovesTheLeftoverOfAKilledRunAndKeepsALiveRunsFile() throws Exception {
    Path db = TestDatabases.deployed(dir);
    long deadPid = deadProcessId();
    Path dead = Files.write(dir.resolve(".tracks.db.20260101T000000000Z.jobdb-snapshot."
        + deadPid + ".partial"), new byte[64 * 1024]);
    Path live = Files.write(dir.resolve(".tracks.db.20260101T000000001Z.jobdb-snapshot."
        + ProcessHandle.current().pid() + ".partial"), new byte[1024]);
    Path otherDatabase = Files.write(dir.resolve(".other.db.20260101T000000000Z.jobdb-snapshot."
        + deadPid + ".partial"), new byte[1024]);

    CliRun run = CliRun.of("migrate", "up", "--db", db.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(dead).doesNotExist();
    assertThat(live).exists();
    assertThat(otherDatabase).exists();
    assertThat(CliRun.of("status", "--db", db.toString()).out()).contains("snapshots:   1 ");
  }

  /** The id of a process that has ended. */
  static long deadProcessId() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    assertThat(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    return p.pid();
  }
}
