package dev.jobdb.engine.sqlite.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.testing.TestDatabases;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the snapshot's check catches in a damaged copy, and what it leaves to the full
 * integrity_check that restore runs (docs/snapshots-and-restore.md).
 */
class CopyCheckTest {
  @TempDir Path dir;
  private Path db;
  private Path copy;
  private DatabaseState database;

  @BeforeEach
  void copyOfADatabaseWithTwoLargeTables() throws Exception {
    db = TestDatabases.deployed(dir);
    TestDatabases.execute(db, List.of(
        "INSERT INTO job_queue (job_type, job_data) SELECT 'filler', hex(randomblob(200))"
            + " FROM job_queue a, job_queue b LIMIT 4000",
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
        "INSERT INTO notes (body) SELECT hex(randomblob(200)) FROM job_queue"));
    copy = new Snapshots().take(db, null, Duration.ofSeconds(30)).path();
    database = stateOf(db);
  }

  @Test
  void passesAnIntactCopy() throws Exception {
    assertThat(CopyCheck.problems(copy, database)).isEmpty();
  }

  @Test
  void catchesACopyThatIsShort() throws Exception {
    try (FileChannel file = FileChannel.open(copy, StandardOpenOption.WRITE)) {
      file.truncate(file.size() - database.pageSize());
    }

    assertThat(CopyCheck.problems(copy, database)).isNotEmpty()
        .first().asString().startsWith("it has " + (database.bytes() - database.pageSize())
            + " bytes where the database had " + database.bytes());
  }

  @Test
  void catchesAZeroedPageOfAnyTable() throws Exception {
    for (String table : List.of("job_queue", "notes")) {
      Path damaged = dir.resolve("damaged-" + table);
      Files.copy(copy, damaged);
      zeroPage(damaged, leafPage(damaged, table));

      assertThat(CopyCheck.problems(damaged, database)).as(table)
          .anyMatch(p -> p.startsWith("SQLite cannot read it back: ")
              && p.contains("malformed"));
    }
  }

  @Test
  void catchesACopyOfAnotherMoment() throws Exception {
    TestDatabases.execute(db, List.of(
        "INSERT INTO job_queue (job_type, job_data) VALUES ('later', '{}')"));

    assertThat(CopyCheck.problems(copy, stateOf(db)))
        .containsExactly("job_queue has 4624 rows where the database had 4625");
  }

  @Test
  void catchesAChangedSchema() throws Exception {
    TestDatabases.execute(db, List.of("CREATE INDEX notes_body ON notes(body)"));

    assertThat(CopyCheck.problems(copy, stateOf(db)))
        .contains("its schema differs from the database's");
  }

  /** The price of not running integrity_check on every snapshot; restore runs it. */
  @Test
  void leavesAChangedValueAndADamagedIndexToTheFullIntegrityCheck() throws Exception {
    int leaf = leafPage(copy, "job_queue");
    replaceInPage(copy, leaf, "completed", "completeX");
    zeroPage(copy, leafPage(copy, "idx_job_queue_type"));

    assertThat(CopyCheck.problems(copy, database)).isEmpty();
    assertThat(passesIntegrityCheck(copy)).isFalse();
  }

  private static boolean passesIntegrityCheck(Path file) {
    try {
      return TestDatabases.strings(file, "PRAGMA integrity_check").equals(List.of("ok"));
    } catch (SQLException e) {
      return false; // it stops at a page it cannot read
    }
  }

  private static DatabaseState stateOf(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      return DatabaseState.read(c, DatabaseState.Count.CHEAPEST);
    }
  }

  private static int leafPage(Path file, String btree) throws SQLException {
    return Integer.parseInt(TestDatabases.strings(file, "SELECT pageno FROM dbstat WHERE name = '"
        + btree + "' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 2").get(0));
  }

  private void zeroPage(Path file, int page) throws Exception {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.allocate((int) database.pageSize()),
          (page - 1) * database.pageSize());
    }
  }

  private void replaceInPage(Path file, int page, String from, String to) throws Exception {
    int size = (int) database.pageSize();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.allocate(size);
      channel.read(buffer, (page - 1) * (long) size);
      String text = new String(buffer.array(), StandardCharsets.ISO_8859_1);
      int at = text.indexOf(from);
      assertThat(at).as(from + " on page " + page).isNotNegative();
      byte[] bytes = text.substring(0, at).concat(to).concat(text.substring(at + to.length()))
          .getBytes(StandardCharsets.ISO_8859_1);
      channel.write(ByteBuffer.wrap(bytes), (page - 1) * (long) size);
    }
  }
}
