package dev.jobdb.migrate.changes;

import static dev.jobdb.db.SqlQuoting.quoted;

import dev.jobdb.run.RunContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;

/**
 * Liquibase custom change for the rollback of an index jobdb recreated: drops {@code indexName}
 * only when this changeset ran (jobdb created the index). When it was adopted (the index was
 * there already) the index is the app's and stays, whatever other rollbacks do with adopted
 * changesets.
 */
public class DropIndexIfCreated extends AdoptionAwareChange {
  private String indexName;

  @Override
  void apply(Connection c, RunContext run, String changeSet, boolean adopted)
      throws SQLException {
    if (adopted) {
      run.note(changeSet + ": " + indexName + " was there before jobdb: kept");
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute("DROP INDEX IF EXISTS " + quoted(indexName));
    }
    run.note(changeSet + ": dropped " + indexName + ", which jobdb had created");
  }

  public String getIndexName() { return indexName; }
  public void setIndexName(String indexName) { this.indexName = indexName; }

  @Override
  public String getConfirmationMessage() {
    return "dropped " + indexName + " unless it was the app's";
  }

  @Override
  public ValidationErrors validate(Database database) {
    ValidationErrors errors = new ValidationErrors();
    if (indexName == null || indexName.isBlank()) {
      errors.addError("indexName is required");
    }
    return errors;
  }
}
