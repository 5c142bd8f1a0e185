package dev.jobdb.engine.sqlite.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sqlite.SQLiteConfig;

/**
 * The check a snapshot passes before it is renamed into place, instead of a full
 * {@code PRAGMA integrity_check} (which costs several times the copy itself).
 *
 * <p>The copy is SQLite's own page-for-page copy of one read snapshot, so what can go wrong is the
 * copy, not its logic: a short or damaged file, or a copy of another moment. The check proves that
 * the file is as long as the database was, that SQLite reads its header and the whole schema back
 * unchanged, and that every table, counted through its own b-tree (every page of every table is
 * read), holds exactly the rows the database held in the copy's read transaction. It does not read
 * index b-trees or overflow pages, check the values inside rows, or match index entries to rows:
 * those pages are byte copies of the database's, and {@code jobdb restore} runs the full
 * integrity_check on a snapshot before it puts it back.
 */
final class CopyCheck {
  private CopyCheck() {}

  /** What is wrong with {@code copy}, compared with the database it was copied from; empty if ok. */
  static List<String> problems(Path copy, DatabaseState expected) throws IOException {
    List<String> problems = new ArrayList<>();
    long size = Files.size(copy);
    if (size != expected.bytes()) {
      problems.add("it has " + size + " bytes where the database had " + expected.bytes());
    }
    try (Connection c = openImmutable(copy)) {
      DatabaseState seen = DatabaseState.read(c, DatabaseState.Count.EVERY_TABLE_PAGE);
      if (seen.pageCount() != expected.pageCount() || seen.pageSize() != expected.pageSize()) {
        problems.add("its header says " + seen.pageCount() + " pages of " + seen.pageSize()
            + " bytes where the database had " + expected.pageCount() + " of "
            + expected.pageSize());
      }
      if (!seen.schema().equals(expected.schema())) {
        problems.add("its schema differs from the database's");
      }
      for (Map.Entry<String, Long> table : expected.rows().entrySet()) {
        Long rows = seen.rows().get(table.getKey());
        if (!Objects.equals(rows, table.getValue())) {
          problems.add(table.getKey() + " has " + rows + " rows where the database had "
              + table.getValue());
        }
      }
    } catch (SQLException e) {
      problems.add("SQLite cannot read it back: " + oneLine(e.getMessage()));
    }
    return problems;
  }

  /** Read-only and immutable: no locks, no -shm or -journal beside the copy. */
  static Connection openImmutable(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    return config.createConnection("jdbc:sqlite:" + file.toUri() + "?immutable=1");
  }

  static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s+", " ").strip();
  }
}
