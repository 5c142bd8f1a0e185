package dev.jobdb.migrate.changes;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.run.RunContext;
import dev.jobdb.schema.RewriteRefusedException;
import java.sql.Connection;
import java.sql.SQLException;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.exception.CustomChangeException;
import liquibase.resource.ResourceAccessor;

/**
 * What jobdb's custom changes share: {@link #apply} runs on the run's JDBC connection knowing
 * whether the changeset being run was only adopted (recorded as MARK_RAN because the app had made
 * the change itself; only a rollback runs then), and a refusal keeps its exit code through
 * Liquibase's wrapping.
 */
abstract class AdoptionAwareChange implements CustomTaskChange {

  /**
   * Does the change; {@code changeSet} is the id of the changeset it belongs to, {@code adopted}
   * says that the app, not jobdb, made what this change undoes.
   */
  abstract void apply(Connection c, RunContext run, String changeSet, boolean adopted)
      throws SQLException;

  @Override
  public final void execute(Database database) throws CustomChangeException {
    RunContext run = RunContext.current();
    String changeSet = ChangeSupport.changeSetId();
    try {
      Connection c = ChangeSupport.jdbc(database);
      apply(c, run, changeSet, ChangeSupport.adopted(c, database));
    } catch (RewriteRefusedException e) {
      throw wrap(new JobdbException(ExitCode.REFUSED, "refused: " + e.getMessage()
          + ". Nothing was changed"));
    } catch (SQLException | RuntimeException e) {
      throw wrap(e);
    }
  }

  /** Keeps the cause: a JobdbException inside is how a refusal keeps its exit code. */
  private static CustomChangeException wrap(Exception e) {
    return new CustomChangeException(e.getMessage(), e);
  }

  @Override
  public void setUp() {}

  @Override
  public void setFileOpener(ResourceAccessor resourceAccessor) {}
}
