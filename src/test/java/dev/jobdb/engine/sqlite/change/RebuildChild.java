package dev.jobdb.engine.sqlite.change;

import dev.jobdb.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;

/** A jobdb-like process for {@link TableRebuilderKillTest}: rebuilds, announcing each step. */
public final class RebuildChild {
  private RebuildChild() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    String newSql = TestDatabases.nineStatusSql(db);
    try (Connection c = TestDatabases.openForRebuild(db)) {
      new TableRebuilder(RebuildOptions.defaults().withProgress(line -> {
        System.out.println(line);
        System.out.flush();
      })).rebuild(c, "job_queue", newSql, "status");
      c.commit();
    }
    System.out.println("committed");
  }
}
