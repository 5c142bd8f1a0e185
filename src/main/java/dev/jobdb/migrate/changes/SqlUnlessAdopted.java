package dev.jobdb.migrate.changes;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.run.RunContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;

/**
 * Liquibase custom change for rollbacks that remove schema: runs {@code sql} only when nothing
 * would be lost.
 *
 * <ul>
 *   <li>If {@code lossQuery} (a {@code SELECT count(*)}) counts anything, the rollback refuses with
 *       exit 4 and nothing changes: whoever made the schema, jobdb or the app.
 *   <li>A changeset recorded as MARK_RAN (adopted: the app had made the change itself) is undone
 *       like any other when its {@code lossQuery} finds nothing to lose: dropping 002's empty
 *       columns, or an empty job_queue, loses no row and no value. Without a {@code lossQuery}
 *       nothing proves that, so an adopted changeset then leaves the app's schema as it is and
 *       only its record goes (the rule for anything that cannot hold data of its own, such as an
 *       index the app created).
 * </ul>
 *
 * <p>The class name stays as it is: changeset checksums already recorded contain it.
 */
public class SqlUnlessAdopted extends AdoptionAwareChange {
  private String sql;
  private String lossQuery;
  private String lossDescription;

  @Override
  void apply(Connection c, RunContext run, String changeSet, boolean adopted)
      throws SQLException {
    if (adopted && lossQuery == null) {
      run.note(changeSet + ": adopted from the app, so its rollback leaves the app's schema as"
          + " it is");
      return;
    }
    long lost = lossQuery == null ? 0 : count(c, lossQuery);
    if (lost > 0) {
      throw new JobdbException(ExitCode.REFUSED,
          "refused: rolling back " + changeSet + (adopted ? " (adopted: the app made it)" : "")
              + " would lose " + lost + " " + lossDescription
              + ". Nothing was changed. Keep the migration, or move that data first");
    }
    try (Statement s = c.createStatement()) {
      for (String statement : sql.split(";")) {
        if (!statement.isBlank()) {
          s.execute(adopted ? tolerantOfMissingIndex(statement.strip()) : statement.strip());
        }
      }
    }
    run.note(changeSet + ": rolled back" + (adopted
        ? " (adopted from the app; nothing it held was lost)" : ""));
  }

  /**
   * The app made an adopted changeset's schema its own way, and its own fix left out some of the
   * indexes: an index that is not there is already undone.
   */
  private static String tolerantOfMissingIndex(String statement) {
    return statement.replaceFirst("(?is)^DROP\\s+INDEX\\s+(?!IF\\s+EXISTS\\b)",
        "DROP INDEX IF EXISTS ");
  }

  private static long count(Connection c, String query) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  public String getSql() { return sql; }
  public void setSql(String sql) { this.sql = sql; }
  public String getLossQuery() { return lossQuery; }
  public void setLossQuery(String lossQuery) { this.lossQuery = lossQuery; }
  public String getLossDescription() { return lossDescription; }
  public void setLossDescription(String lossDescription) { this.lossDescription = lossDescription; }

  @Override
  public String getConfirmationMessage() {
    return "rolled back";
  }

  @Override
  public ValidationErrors validate(Database database) {
    ValidationErrors errors = new ValidationErrors();
    if (sql == null || sql.isBlank()) {
      errors.addError("sql is required");
    }
    return errors;
  }
}
