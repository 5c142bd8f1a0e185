package dev.jobdb.engine.sqlite.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobdb.db.LiveTable;
import dev.jobdb.db.SqlRunner;
import dev.jobdb.db.StatementKind;
import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.fixture.DeployedDatabase.Shape;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rebuild's copy in ranges of row ids: every row once, and progress in percent. */
class RangedCopyTest {
  @TempDir Path dir;

  @Test
  void copiesEveryRowOnceAndReportsPercentages() throws Exception {
    Path db = dir.resolve("tracks.db");
    DeployedDatabase.create(db, Shape.scaled(250_000));
    TestDatabases.execute(db, "DELETE FROM job_queue WHERE id % 3 = 0"); // gaps in the ids
    long rows = TestDatabases.count(db, "SELECT count(*) FROM job_queue");
    List<String> lines = new ArrayList<>();

    try (Connection c = TestDatabases.openForRebuild(db)) {
      SqlRunner sql = new SqlRunner(c);
      sql.update(StatementKind.CHANGE, "CREATE TABLE copy AS SELECT * FROM job_queue WHERE 0");
      LiveTable source = LiveTable.read(sql, "job_queue", StatementKind.INSPECT);
      long copied = RangedCopy.run(sql, "INSERT INTO copy SELECT * FROM job_queue", source, rows,
          lines::add, "copying", Duration.ZERO);
      c.commit();
      assertThat(copied).isEqualTo(rows);
    }

    assertThat(TestDatabases.count(db, "SELECT count(*) FROM copy")).isEqualTo(rows);
    assertThat(TestDatabases.count(db, "SELECT count(*) FROM (SELECT * FROM job_queue"
        + " EXCEPT SELECT * FROM copy)")).isZero();
    assertThat(lines).isNotEmpty().allMatch(line -> line.matches("copying: \\d+% \\(\\d+ of "
        + rows + " rows\\)"));
    assertThat(lines.get(lines.size() - 1)).isEqualTo("copying: 100% (" + rows + " of " + rows
        + " rows)");
  }
}
