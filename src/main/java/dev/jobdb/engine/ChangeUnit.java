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

  /** The longest time the app's writers were blocked at once. */
  long heldMillis();

  /** Each stretch that blocked the app's writers. */
  List<LockHold> holds();

  /** For --dry-run: the statements that wrote or changed the schema, as they ran. */
  List<String> writes();

  /**
   * Changesets already committed on their own when the run fails: they stay applied. Empty
   * where the run is one transaction and nothing was committed yet.
   */
  List<String> committedBeforeTheEnd();

  @Override
  void close() throws SQLException;
}
