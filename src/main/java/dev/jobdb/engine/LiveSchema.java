package dev.jobdb.engine;

import dev.jobdb.db.JobCounts;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The live schema and job_queue over one connection: the same questions on every database, asked
 * by the services and by the Liquibase custom changes and preconditions.
 */
public interface LiveSchema {
  boolean tableExists(String table) throws SQLException;

  boolean columnExists(String table, String column) throws SQLException;

  boolean indexExists(String index) throws SQLException;

  /**
   * What {@code column} of {@code table} accepts: the values of its list CHECK (or enum type), in
   * order; empty when nothing limits it.
   *
   * @throws MissingTable when the table does not exist
   */
  Optional<List<String>> allowedValues(String table, String column) throws SQLException;

  /** Jobs per status (reads the status index where there is one). */
  JobCounts counts() throws SQLException;

  /**
   * Makes the status column accept exactly {@code change.values()}, moving rows only as the
   * context's remap says and refusing (exit 4) over rows it would otherwise reject; reports what
   * it did to {@code context}.
   */
  void changeStatus(StatusChange change, ChangeContext context) throws SQLException;

  /** The table a precondition or change names is not there. */
  final class MissingTable extends SQLException {
    public MissingTable(String table) {
      super("no table " + table);
    }
  }
}
