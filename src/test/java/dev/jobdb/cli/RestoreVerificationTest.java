package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * restore runs one check of the snapshot before it writes anything: none beyond its checksum when
 * the file is the one jobdb took and checked, the full integrity_check when its bytes changed.
 */
class RestoreVerificationTest {
  @TempDir Path dir;

  @Test
  void anUnchangedSnapshotIsRestoredOnItsChecksum() throws Exception {
    Path db = TestDatabases.rich(dir);
    DatabaseFingerprint original = DatabaseFingerprint.of(db);
    assertThat(CliRun.of("migrate", "up", "--db", db.toString()).exitCode()).isZero();
    Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(
        UserDefinedFileAttributeView.class), "the temp folder's file system has no extended"
        + " attributes: every restore runs integrity_check there");

    CliRun restore = CliRun.of("restore", "--db", db.toString());

    assertThat(restore.exitCode()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("(verified: unchanged since it was taken and checked, ");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(original)).isEmpty();
  }

  @Test
  void aSnapshotDamagedSinceItWasTakenGetsTheFullCheckAndIsRefused() throws Exception {
    Path db = TestDatabases.rich(dir);
    assertThat(CliRun.of("migrate", "up", "--db", db.toString()).exitCode()).isZero();
    Path snapshot = dir.resolve(names().stream().filter(n -> n.endsWith(".jobdb-snapshot"))
        .findFirst().orElseThrow());
    try (RandomAccessFile file = new RandomAccessFile(snapshot.toFile(), "rw")) {
      byte[] garbage = new byte[4096];
      Arrays.fill(garbage, (byte) 0x5a);
      file.seek(file.length() / 2 / 4096 * 4096); // one whole page in the middle
      file.write(garbage);
    }
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    List<String> filesBefore = names();

    CliRun restore = CliRun.of("restore", "--db", db.toString());

    assertThat(restore.exitCode()).as(restore.err()).isEqualTo(4);
    assertThat(restore.errLines()).hasSize(1);
    assertThat(restore.err()).startsWith("jobdb: snapshot " + snapshot)
        .contains("nothing was restored; pick another snapshot");
    assertThat(DatabaseFingerprint.of(db).differencesFrom(before)).isEmpty();
    assertThat(names()).isEqualTo(filesBefore); // the safety snapshot was not kept
  }

  private List<String> names() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.contains("jobdb-snapshot"))
          .sorted().toList();
    }
  }
}
