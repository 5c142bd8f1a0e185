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
 * would be lost and the changeset was really applied by jobdb.
 *
 * <ul>
 *   <li>If the changeset was recorded as MARK_RAN (the app had made the change itself), the app's
 *       schema stays as it is; only the record goes.
 *   <li>If {@code lossQuery} (a {@code SELECT count(*)}) counts anything, the rollback refuses with
 *       exit 4 and nothing changes.
 * </ul>
 */
public class SqlUnlessAdopted extends AdoptionAwareChange {
  private String sql;
  private String lossQuery;
  private String lossDescription;

  @Override
  void apply(Connection c, RunContext run, String changeSet) throws SQLException {
    long lost = lossQuery == null ? 0 : count(c, lossQuery);
    if (lost > 0) {
      throw new JobdbException(ExitCode.REFUSED,
          "refused: rolling back " + changeSet + " would lose " + lost + " " + lossDescription
              + ". Nothing was changed. Keep the migration, or move that data first");
    }
    try (Statement s = c.createStatement()) {
      for (String statement : sql.split(";")) {
        if (!statement.isBlank()) {
          s.execute(statement.strip());
        }
      }
    }
    run.note(changeSet + ": rolled back");
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
