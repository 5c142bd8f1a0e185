package dev.jobdb.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header of real SQLite files, as written by sqlite-jdbc's engine. */
class FileHeaderTest {
  @TempDir Path dir;

  @Test
  void aCheckpointedDatabaseHasAValidPageCountThatMatchesItsSize() throws Exception {
    Path db = dir.resolve("plain.db");
    TestDatabases.execute(db, "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)");

    FileHeader header = read(db);

    assertThat(header.pageSizeValid()).isTrue();
    assertThat(header.pageCountValid()).isTrue();
    assertThat(header.pagesInHeader() * header.pageSize()).isEqualTo(Files.size(db));
    assertThat(header.truncated(Files.size(db))).isFalse();
    assertThat(header.truncated(Files.size(db) - 1)).isTrue();
  }

  @Test
  void fewerThanAHundredBytesIsNoHeader() {
    assertThat(FileHeader.parse(new byte[100], 99)).isEmpty();
  }

  @Test
  void aZeroPageSizeIsImpossible() {
    byte[] bytes = new byte[100];
    assertThat(FileHeader.parse(bytes, 100).orElseThrow().pageSizeValid()).isFalse();
  }

  private static FileHeader read(Path db) throws IOException {
    byte[] bytes = new byte[FileHeader.LENGTH];
    int read;
    try (InputStream in = Files.newInputStream(db)) {
      read = in.readNBytes(bytes, 0, bytes.length);
    }
    assertThat(FileHeader.hasMagic(bytes, read)).isTrue();
    return FileHeader.parse(bytes, read).orElseThrow();
  }
}
