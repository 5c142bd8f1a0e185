package dev.jobdb.engine.sqlite.change;

import dev.jobdb.engine.ChangeMethod;

import dev.jobdb.engine.ConstraintChange;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.db.LiveTable;
import dev.jobdb.db.SchemaReads;
import dev.jobdb.db.SqlRunner;
import dev.jobdb.db.StatementKind;
import dev.jobdb.schema.StatusCheckRewriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Makes one column of a table accept exactly a list of values, inside the caller's transaction: in
 * place (no row rewritten) by default, by rebuilding the table when asked to or when SQLite cannot
 * do it in place (and then it says why). Both ways refuse the same things, and both verify before
 * the caller commits.
 */
public final class StatusConstraintChanger {
  private static final String SAVEPOINT = "jobdb_in_place";

  private final boolean forceRebuild;
  private final Consumer<String> progress;

  /**
   * @param forceRebuild rebuild even where the change could be made in place ({@code --rebuild})
   * @param progress progress lines (the CLI prints them to stderr once a run takes a while)
   */
  public StatusConstraintChanger(boolean forceRebuild, Consumer<String> progress) {
    this.forceRebuild = forceRebuild;
    this.progress = progress;
  }

  /**
   * @param changeSet the changeset this change belongs to, for the report
   * @throws dev.jobdb.schema.RewriteRefusedException when the CHECK cannot be rewritten (a CHECK
   *     on the column in another form than an IN list, a name taken, no such column)
   */
  public ConstraintChange change(Connection c, String changeSet, String table, String column,
      List<String> allowedValues, String constraintName) throws SQLException {
    String tableSql = SchemaReads.tableSql(c, table);
    if (tableSql == null) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE,
          "no table " + table + " to change: run migrate up against the app's database");
    }
    String rebuiltSql = StatusCheckRewriter.rewrite(tableSql, column, allowedValues,
        constraintName);
    if (forceRebuild) {
      return rebuild(c, changeSet, table, column, allowedValues, rebuiltSql, "--rebuild");
    }
    LiveTable live = LiveTable.read(new SqlRunner(c), table, StatementKind.INSPECT);
    InPlacePlan plan = InPlacePlan.of(live.name(), tableSql, column, allowedValues,
        constraintName, StatusCheckRewriter.find(tableSql, column));
    Optional<String> impossible = plan.whyNot(c, live.columns());
    if (impossible.isPresent()) {
      return rebuild(c, changeSet, table, column, allowedValues, rebuiltSql,
          "in place impossible: " + impossible.get());
    }
    execute(c, "SAVEPOINT " + SAVEPOINT);
    InPlaceConstraintChange.Result result;
    try {
      result = new InPlaceConstraintChange(progress).apply(c, plan);
    } catch (InPlaceConstraintChange.Unavailable e) {
      execute(c, "ROLLBACK TO " + SAVEPOINT);
      execute(c, "RELEASE " + SAVEPOINT);
      return rebuild(c, changeSet, table, column, allowedValues, rebuiltSql,
          "in place impossible: " + e.getMessage());
    }
    execute(c, "RELEASE " + SAVEPOINT);
    return new ConstraintChange(changeSet, live.name(), column, allowedValues,
        ChangeMethod.IN_PLACE, null, result.rows(), result.took().toMillis(),
        changeSet + ": changed " + live.name() + " in place so " + column + " accepts "
            + String.join(", ", allowedValues) + ": " + removed(result) + ", "
            + plan.constraintName() + (result.rows() == null
                ? " stored in the definition (" + result.probe() + ", all of them new values:"
                    + " no row read)"
                : " added and checked by SQLite against all " + result.rows()
                    + (result.rows() == 1 ? " row" : " rows") + " (" + result.probe() + ")")
            + ", no row rewritten, verified in " + result.took().toMillis() + " ms");
  }

  private static String removed(InPlaceConstraintChange.Result result) {
    StringBuilder text = new StringBuilder();
    if (result.checksRemovedFromText() > 0) {
      text.append(result.checksRemovedFromText() == 1 ? "the unnamed CHECK"
          : result.checksRemovedFromText() + " unnamed CHECKs").append(" removed from the stored"
          + " definition");
    }
    if (result.constraintsDropped() > 0) {
      text.append(text.length() > 0 ? ", " : "").append(result.constraintsDropped() == 1
          ? "the named CHECK dropped" : result.constraintsDropped() + " named CHECKs dropped");
    }
    return text.length() > 0 ? text.toString() : "no CHECK before";
  }

  private ConstraintChange rebuild(Connection c, String changeSet, String table, String column,
      List<String> allowedValues, String rebuiltSql, String reason) throws SQLException {
    progress.accept(changeSet + ": rebuilding " + table + " (" + reason + ")");
    RebuildResult result = new TableRebuilder(RebuildOptions.defaults().withProgress(progress))
        .rebuild(c, table, rebuiltSql, column);
    return new ConstraintChange(changeSet, result.table(), column, allowedValues,
        ChangeMethod.REBUILT, reason, result.rowsCopied(), result.total().toMillis(),
        changeSet + ": rebuilt " + result.table() + " (" + reason + ") so " + column
            + " accepts " + String.join(", ", allowedValues) + ": " + result.rowsCopied()
            + " rows copied by name, " + result.indexesRecreated().size() + " indexes and "
            + result.triggersRecreated().size() + " triggers recreated"
            + (result.sequence() == null ? ""
                : ", AUTOINCREMENT counter kept at " + result.sequence())
            + ", verified in " + result.total().toMillis() + " ms");
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
