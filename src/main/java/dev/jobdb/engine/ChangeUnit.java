package dev.jobdb.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** What Liquibase runs in for one migrate up or rollback (see {@link ChangeSession#begin}). */
public interface ChangeUnit extends AutoCloseable {
  /** The connection to hand to Liquibase and its custom changes. */
  Connection connection();

  void commit() throws SQLException;

  void rollback() throws SQLException;

  /**
   * Each stretch the unit itself blocked the app's writers (none where the changes report their
   * own steps, see {@link ChangeContext#held}).
   */
  default List<LockHold> holds() {
    return List.of();
  }

  /** For --dry-run: the statements that wrote or changed the schema, as they ran. */
  default List<String> writes() {
    return List.of();
  }

  /**
   * Changesets the unit committed on its own before the end of the run: they stay applied when
   * the run fails later. Empty where nothing was committed yet (the run's history tells the rest).
   */
  default List<String> committedBeforeTheEnd() {
    return List.of();
  }

  @Override
  void close() throws SQLException;
}
