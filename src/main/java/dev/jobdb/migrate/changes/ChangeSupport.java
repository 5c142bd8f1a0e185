package dev.jobdb.migrate.changes;

import dev.jobdb.run.RunContext;
import dev.jobdb.engine.LiveSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import liquibase.exception.CustomPreconditionErrorException;
import liquibase.exception.CustomPreconditionFailedException;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;

/** What jobdb's custom changes share: the JDBC connection, adoption, the table's stored SQL. */
final class ChangeSupport {
  private ChangeSupport() {}

  static Connection jdbc(Database database) {
    return ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
  }

  /**
   * True when the changeset being run was recorded as MARK_RAN: the app had already made that change
   * itself, so undoing it must leave the app's schema alone.
   */
  static boolean adopted(Connection c, Database database) throws SQLException {
    ChangeSet changeSet = Scope.getCurrentScope().get(Scope.Attr.changeSet.name(), ChangeSet.class);
    String history = database.getDatabaseChangeLogTableName();
    if (changeSet == null || !RunContext.current().schema(c).tableExists(history)) {
      return false;
    }
    String sql =
        "SELECT EXECTYPE FROM " + history
            + " WHERE ID = ? AND AUTHOR = ? AND FILENAME = ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, changeSet.getId());
      s.setString(2, changeSet.getAuthor());
      s.setString(3, changeSet.getFilePath());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && "MARK_RAN".equals(rs.getString(1));
      }
    }
  }

  /**
   * For the status preconditions: the values the live CHECKs on {@code column} accept (empty: no
   * CHECK, every value accepted). A missing table fails the precondition (the changeset is
   * adopted, as before); a failed read is a precondition error.
   */
  static Optional<List<String>> liveAllowedValues(Database database, String table, String column)
      throws CustomPreconditionFailedException, CustomPreconditionErrorException {
    try {
      return RunContext.current().schema(jdbc(database)).allowedValues(table, column);
    } catch (LiveSchema.MissingTable e) {
      throw new CustomPreconditionFailedException("no table " + table);
    } catch (SQLException e) {
      throw new CustomPreconditionErrorException("cannot read " + table, e);
    }
  }

  static String changeSetId() {
    ChangeSet changeSet = Scope.getCurrentScope().get(Scope.Attr.changeSet.name(), ChangeSet.class);
    return changeSet == null ? "?" : changeSet.getId();
  }

  static List<String> splitList(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(v -> !v.isEmpty())
        .toList();
  }
}
