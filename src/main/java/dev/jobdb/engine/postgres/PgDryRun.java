package dev.jobdb.engine.postgres;

import dev.jobdb.engine.ChangeUnit;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * --dry-run on PostgreSQL: the whole run in one transaction that is rolled back. Liquibase's
 * commits only move a savepoint forward; the status change, knowing it is a dry run, lists its
 * online steps instead of running them (they would take locks the app's workers wait for). The
 * statements that did run (Liquibase's own tables and records) are kept for the output.
 */
final class PgDryRun implements ChangeUnit {
  private static final String UNIT = "jobdb_dry_run";

  private final Connection real;
  private final Connection forLiquibase;
  private final List<String> writes = Collections.synchronizedList(new ArrayList<>());

  PgDryRun(Connection real) throws SQLException {
    this.real = real;
    real.setAutoCommit(false);
    execute("SAVEPOINT " + UNIT);
    forLiquibase = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
          case "commit" -> {
            execute("RELEASE " + UNIT);
            execute("SAVEPOINT " + UNIT);
            yield null;
          }
          case "rollback" -> {
            if (args == null || args.length == 0) {
              execute("ROLLBACK TO " + UNIT);
              yield null;
            }
            yield invoke(real, method, args);
          }
          case "setAutoCommit", "close" -> null;
          case "getAutoCommit" -> false;
          case "prepareStatement", "prepareCall" -> {
            record((String) args[0]);
            yield invoke(real, method, args);
          }
          case "createStatement" -> recording((Statement) invoke(real, method, args));
          default -> invoke(real, method, args);
        });
  }

  @Override
  public Connection connection() {
    return forLiquibase;
  }

  /** Never: a dry run changes nothing. */
  @Override
  public void commit() throws SQLException {
    rollback();
  }

  @Override
  public void rollback() throws SQLException {
    if (!real.getAutoCommit()) {
      real.rollback();
      real.setAutoCommit(true);
    }
  }

  @Override
  public List<String> writes() {
    synchronized (writes) {
      return List.copyOf(writes);
    }
  }

  @Override
  public void close() throws SQLException {
    rollback();
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = real.createStatement()) {
      s.execute(sql);
    }
  }

  private void record(String sql) {
    String head = sql == null ? "" : sql.stripLeading().toUpperCase(Locale.ROOT);
    if (!head.isEmpty() && !head.startsWith("SELECT") && !head.startsWith("SAVEPOINT")
        && !head.startsWith("RELEASE") && !head.startsWith("ROLLBACK") && !head.startsWith("SET")
        && !head.startsWith("SHOW") && !head.startsWith("WITH")) {
      writes.add(sql.strip());
    }
  }

  private Statement recording(Statement statement) {
    return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(),
        new Class<?>[] {Statement.class}, (proxy, method, args) -> {
          if ((method.getName().startsWith("execute") || method.getName().equals("addBatch"))
              && args != null && args.length > 0 && args[0] instanceof String sql) {
            record(sql);
          }
          if (method.getName().equals("getConnection")) {
            return forLiquibase;
          }
          return invoke(statement, method, args);
        });
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
