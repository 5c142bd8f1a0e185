package dev.jobdb.run;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.ChangelogLocation;
import java.io.FileNotFoundException;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Runs Liquibase embedded, quietly and offline, on a connection jobdb already opened.
 *
 * <p>Liquibase's log and UI messages go to java.util.logging, which is silenced unless verbose (then
 * it reaches stderr); analytics are off, so no command tries to reach the vendor's server.
 */
public final class LiquibaseRunner {
  /**
   * The built-in master changelog inside the jar. Its changesets set {@code logicalFilePath} to
   * the paths they have always been recorded under ({@code changelogs/NNN-....yaml}), so the same
   * files read from a user's folder are the same changesets to Liquibase.
   */
  public static final String MASTER_CHANGELOG = "changelogs/master.yaml";

  /** Held so the logger (and the level set on it) is not garbage-collected. */
  private static final Logger LIQUIBASE_LOG = Logger.getLogger("liquibase");

  static {
    LiquibaseLockOwner.mark(); // before Liquibase's lock class reads it
  }

  private final Connection connection;
  private final Map<String, Object> jobdbScope;
  private final ChangelogLocation location;

  /**
   * @param connection the connection Liquibase works through (see {@link RunTransaction})
   * @param jobdbScope values jobdb's custom changes read from {@link Scope} (see {@link RunContext})
   * @param location the changelog the run's {@link DatabaseChangeLog} was parsed from
   */
  public LiquibaseRunner(Connection connection, boolean verbose, Map<String, Object> jobdbScope,
      ChangelogLocation location) {
    this.connection = connection;
    this.jobdbScope = jobdbScope;
    this.location = location.orBuiltInWhileMissing();
    LIQUIBASE_LOG.setLevel(verbose ? Level.INFO : Level.OFF);
  }

  /** Applies what {@code changelog} (from {@link #changelog}) has pending. */
  public void update(DatabaseChangeLog changelog) {
    run(
        database ->
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, masterPath(location))
                .addArgumentValue(UpdateCommandStep.CHANGELOG_ARG, changelog)
                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                .execute());
  }

  /** Rolls back the newest {@code count} changesets through their rollbacks in {@code changelog}. */
  public void rollbackCount(DatabaseChangeLog changelog, int count) {
    run(
        database ->
            new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(
                    DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, masterPath(location))
                .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_ARG, changelog)
                .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count)
                .execute());
  }

  /**
   * The changelog as parsed: every changeset of the built-in changelog or of the user's folder, in
   * order. Does not touch the database; a run parses it once and hands it to {@link #update} or
   * {@link #rollbackCount}.
   *
   * @throws JobdbException {@link ExitCode#USAGE} when the user's folder or its master.yaml is
   *     missing, or Liquibase cannot parse a file in it
   */
  public static DatabaseChangeLog changelog(ChangelogLocation configured) {
    ChangelogLocation location = configured.orBuiltInWhileMissing().requireMaster();
    String master = masterPath(location);
    try {
      return Scope.child(
          quietScope(Map.of(), location),
          () -> {
            ResourceAccessor accessor = Scope.getCurrentScope().getResourceAccessor();
            return ChangeLogParserFactory.getInstance()
                .getParser(master, accessor)
                .parse(master, new ChangeLogParameters(), accessor);
          });
    } catch (Exception e) {
      if (location.isBuiltIn()) {
        throw new IllegalStateException("cannot read jobdb's changelog " + MASTER_CHANGELOG, e);
      }
      throw new JobdbException(ExitCode.USAGE, "cannot read the changelog in "
          + location.describe() + ": " + rootMessage(e) + ": fix the file, or point --changelog"
          + " or JOBDB_CHANGELOG at another folder", e);
    }
  }

  /** The master changelog's path as Liquibase sees it through {@link #accessor}. */
  private static String masterPath(ChangelogLocation location) {
    return location.isBuiltIn() ? MASTER_CHANGELOG : ChangelogLocation.MASTER;
  }

  /** The jar's classpath for the built-in changelog; the user's folder otherwise. */
  private static ResourceAccessor accessor(ChangelogLocation location) {
    if (location.isBuiltIn()) {
      return new ClassLoaderResourceAccessor(LiquibaseRunner.class.getClassLoader());
    }
    try {
      return new DirectoryResourceAccessor(location.directory());
    } catch (FileNotFoundException e) {
      location.requireMaster();
      throw new JobdbException(ExitCode.USAGE, "changelog folder not found: "
          + location.describe(), e);
    }
  }

  private interface LiquibaseWork {
    void run(Database database) throws Exception;
  }

  private void run(LiquibaseWork work) {
    try {
      Scope.child(
          quietScope(jobdbScope, location),
          () -> {
            Database database =
                DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            work.run(database);
          });
    } catch (Exception e) {
      throw translate(e);
    }
  }

  private static Map<String, Object> quietScope(
      Map<String, Object> jobdbScope, ChangelogLocation location) {
    Map<String, Object> scope = new HashMap<>(jobdbScope);
    scope.put(Scope.Attr.resourceAccessor.name(), accessor(location));
    scope.put(Scope.Attr.ui.name(), new LoggerUIService());
    scope.put(AnalyticsArgs.ENABLED.getKey(), false);
    return scope;
  }

  /** A refusal from a custom change keeps its exit code; anything else failed and is rolled back. */
  private static RuntimeException translate(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JobdbException jobdb) {
        return jobdb;
      }
    }
    return new JobdbException(
        ExitCode.FAILED_ROLLED_BACK,
        "the change failed and was rolled back, the database is unchanged: " + rootMessage(e)
            + ": run again with --verbose for Liquibase's log",
        e);
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.replaceAll("\\s+", " ").strip();
  }
}
