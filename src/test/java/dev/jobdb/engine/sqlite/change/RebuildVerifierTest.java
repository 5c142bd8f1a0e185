package dev.jobdb.engine.sqlite.change;

import static dev.jobdb.testing.TestDatabases.openForRebuild;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jobdb.db.SqlRunner;
import dev.jobdb.db.TableChecks;
import dev.jobdb.db.TableChecks.BtreeEntries;
import dev.jobdb.testing.DatabaseFingerprint;
import dev.jobdb.testing.TestDatabases;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rebuild's default check: every page of the table and its indexes walked and counted. */
class RebuildVerifierTest {
  @TempDir Path dir;

  @Test
  void countsTheRowsAndEveryIndexsEntriesFromThePages() throws Exception {
    Path db = dir.resolve("walk.db");
    TestDatabases.execute(db, List.of(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT UNIQUE, n INT, note TEXT)",
        "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 5000)"
            + " INSERT INTO t SELECT i, 'c' || i, i % 7, printf('%.3000c', 'x') FROM k",
        "CREATE INDEX t_n ON t(n)",
        "CREATE INDEX t_small ON t(n) WHERE n = 0",
        "CREATE TABLE w (k TEXT PRIMARY KEY, v) WITHOUT ROWID",
        "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 3000)"
            + " INSERT INTO w SELECT 'k' || i, i FROM k",
        "CREATE INDEX w_v ON w(v)"));

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      SqlRunner sql = new SqlRunner(c);
      Map<String, BtreeEntries> t = TableChecks.btreeEntries(sql, "t", false);
      Map<String, BtreeEntries> w = TableChecks.btreeEntries(sql, "w", true);

      assertThat(t.keySet()).containsExactly("t", "sqlite_autoindex_t_1", "t_n", "t_small");
      assertThat(t.values()).extracting(BtreeEntries::entries)
          .containsExactly(5000L, 5000L, 5000L, 714L);
      assertThat(t.get("t").pages()).isGreaterThan(5000); // each row has an overflow page
      assertThat(w.keySet()).containsExactly("w", "w_v");
      assertThat(w.values()).extracting(BtreeEntries::entries).containsExactly(3000L, 3000L);

      RebuildVerifier verifier = new RebuildVerifier("t");
      verifier.compareEntries(5000, t);
      verifier.throwIfDifferent();
    }
  }

  @Test
  void aDamagedIndexPageIsFound() throws Exception {
    Path db = dir.resolve("damaged.db");
    TestDatabases.execute(db, List.of(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT)",
        "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 20000)"
            + " INSERT INTO t SELECT i, 'value ' || i FROM k",
        "CREATE INDEX t_n ON t(n)"));
    long page = TestDatabases.count(db,
        "SELECT pageno FROM dbstat WHERE name = 't_n' AND pagetype = 'leaf' LIMIT 1 OFFSET 5");
    long pageSize = TestDatabases.count(db, "PRAGMA page_size");
    try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
      file.seek((page - 1) * pageSize);
      file.write(new byte[64]); // the page's header and first cell pointers: no longer a b-tree page
    }

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      RebuildVerifier verifier = new RebuildVerifier("t");
      verifier.compareEntries(20000, TableChecks.btreeEntries(new SqlRunner(c), "t", false));

      // dbstat reads the damaged page as holding no cells: the index comes up short
      assertThat(catchThrowable(verifier::throwIfDifferent))
          .isInstanceOf(RebuildVerificationException.class)
          .hasMessageContaining("entries in index t_n: expected 20000, found ")
          .hasMessageNotContaining("rows in the table's pages");
    }
  }

  @Test
  void withIgnoreCheckConstraintsOnTheRebuildRunsQuickCheck() throws Exception {
    Path db = TestDatabases.deployed(dir);
    DatabaseFingerprint before = DatabaseFingerprint.of(db);
    List<String> lines = new ArrayList<>();

    try (Connection c = openForRebuild(db)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA ignore_check_constraints = ON");
      }
      new TableRebuilder(RebuildOptions.defaults().withProgress(lines::add))
          .rebuild(c, "job_queue", TestDatabases.nineStatusSql(db), "status");
      c.rollback();
    }

    assertThat(lines).contains("rebuild job_queue: checking the table's integrity (quick_check)");
    assertThat(before.differencesFrom(DatabaseFingerprint.of(db))).isEmpty();
  }
}
