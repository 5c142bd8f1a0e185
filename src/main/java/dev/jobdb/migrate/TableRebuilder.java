package dev.jobdb.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/** TEMPORARY stand-in. */
public final class TableRebuilder {
  public TableRebuilder(Consumer<String> progress) {}

  public RebuildResult rebuild(Connection c, String table, String newSql, String column)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT sql FROM sqlite_schema WHERE tbl_name='job_queue' AND type='index' AND sql IS NOT NULL");
      var idx = new java.util.ArrayList<String>();
      while (rs.next()) idx.add(rs.getString(1));
      rs.close();
      s.execute(newSql.replaceFirst("job_queue", "job_queue_tmp"));
      s.execute("INSERT INTO job_queue_tmp SELECT * FROM job_queue");
      s.execute("DROP TABLE job_queue");
      s.execute("PRAGMA legacy_alter_table=ON");
      s.execute("ALTER TABLE job_queue_tmp RENAME TO job_queue");
      s.execute("PRAGMA legacy_alter_table=OFF");
      for (String i : idx) s.execute(i);
    }
    return new RebuildResult(0);
  }
}
