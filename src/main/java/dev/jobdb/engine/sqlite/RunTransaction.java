package dev.jobdb.engine.sqlite;

import dev.jobdb.engine.ChangeUnit;
import dev.jobdb.engine.LockHold;
import java.lang.reflect.InvocationHandler;
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
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;

/**
 * Runs Liquibase's work for one jobdb run in as few SQLite write transactions as keep every
 * changeset whole, each as short as it can be, even though Liquibase commits after each changeset
 * and after each lock-table update.
 *
 * <p>Liquibase gets a connection whose {@code commit()} moves a savepoint forward and whose
 * {@code rollback()} returns to that savepoint, so Liquibase's own units keep their meaning. A
 * change stays uncommitted until the run's end ({@link #commit()} or {@link #rollback()}): no
 * half-applied change, no change applied but not recorded. In a real run (not a dry run) two kinds
 * of unit are committed at once, and the write lock is taken again for the next one, so the app's
 * writers wait for one of them at a time:
 *
 * <ul>
 *   <li>Liquibase's bookkeeping while no change waits: its two tables created, its lock row, a
 *       changeset recorded as adopted. When the run then fails, that bookkeeping is put back as
 *       the run found it, so the database is exactly as before;
 *   <li>an index changeset with its record: it stands on its own, and stays (with the bookkeeping
 *       before it) when the run fails later.
 * </ul>
 *
 * <p>A SIGKILL leaves each changeset applied and recorded or not at all; bookkeeping committed
 * before it stays (Liquibase's tables, adopted changesets, its lock row, which the next run
 * clears). It also records every statement that changes something, which is what {@code
 * --dry-run} prints.
 */
public final class RunTransaction implements ChangeUnit {
  private static final String UNIT = "liquibase_unit";
  static final String BOOKKEEPING = "Liquibase's bookkeeping";
  private static final String UNDOING = "undoing " + BOOKKEEPING;

  private final Connection real;
  private final Connection forLiquibase;
  private final List<String> writes = Collections.synchronizedList(new ArrayList<>());
  private final boolean stepByStep;
  /** What a commit inside Liquibase's flow that failed (a full disk) becomes for the user. */
  private final Function<SQLException, RuntimeException> commitFailed;
  private final List<LockHold> holds = new ArrayList<>();
  private long lockedNanos;
  private boolean open = true;
  /**
   * The index a unit created, until the changeset that created it is recorded (Liquibase commits
   * the change, then inserts its record and commits again).
   */
  private String indexCreated;
  private boolean indexRecorded;
  /**
   * The current unit (what Liquibase commits at once) wrote more than one CREATE INDEX: a rebuild
   * creates the table's indexes too, and is no index changeset; it stays in the run's transaction.
   */
  private boolean unitDidMore;
  private boolean unitCreatedAnIndex;
  /** The current unit wrote to Liquibase's own tables, or to something else. */
  private boolean unitKeptBooks;
  private boolean unitChanged;
  /** A change (not Liquibase's bookkeeping) waits for the end of the run to be committed. */
  private boolean changePending;
  /** Liquibase's tables as the run found them; null when bookkeeping is never committed early. */
  private final LiquibaseTables booksAtStart;

  /**
   * Begins the transaction. The connection must be in autocommit mode with foreign keys off, and
   * should use sqlite-jdbc's IMMEDIATE transaction mode so the write lock is taken (waiting for the
   * app's writers up to the busy timeout) before anything is read.
   */
  public RunTransaction(Connection real) throws SQLException {
    this(real, false, e -> new IllegalStateException(e.getMessage(), e));
  }

  /**
   * @param stepByStep commit for real an index changeset once it is recorded, and Liquibase's
   *     bookkeeping while no change waits, then take the write lock again: the app's writers wait
   *     for one such step at a time (false for a dry run, which must change nothing)
   */
  public RunTransaction(Connection real, boolean stepByStep,
      Function<SQLException, RuntimeException> commitFailed) throws SQLException {
    this.real = real;
    this.stepByStep = stepByStep;
    this.commitFailed = commitFailed;
    real.setAutoCommit(false); // BEGIN IMMEDIATE: returns once the write lock is held
    lockedNanos = System.nanoTime();
    booksAtStart = stepByStep ? LiquibaseTables.read(real) : null;
    execute("SAVEPOINT " + UNIT);
    this.forLiquibase =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                new ConnectionHandler());
  }

  /** The connection to hand to Liquibase and to custom changes. */
  public Connection connection() {
    return forLiquibase;
  }

  /** Statements that wrote or changed the schema, in order, as they were run. */
  public List<String> writes() {
    synchronized (writes) {
      return List.copyOf(writes);
    }
  }

  public void commit() throws SQLException {
    execute("RELEASE " + UNIT);
    try {
      end(real::commit, lastStretch());
    } catch (SQLException e) {
      try {
        real.rollback();
        real.setAutoCommit(true);
        undoBookkeeping();
      } catch (SQLException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
  }

  /**
   * Rolls back what is not committed yet. Where the run committed only Liquibase's bookkeeping on
   * its own (no index changeset), that is put back too: the database is then exactly as before.
   */
  public void rollback() throws SQLException {
    if (open) {
      end(real::rollback, lastStretch());
      undoBookkeeping();
    }
  }

  private void undoBookkeeping() throws SQLException {
    boolean booksCommitted = holds.stream().anyMatch(h -> h.what().equals(BOOKKEEPING));
    if (!booksCommitted || !committedBeforeTheEnd().isEmpty()) {
      return;
    }
    real.setAutoCommit(false); // BEGIN IMMEDIATE again
    lockedNanos = System.nanoTime();
    open = true;
    try {
      booksAtStart.restore(real);
    } catch (SQLException e) {
      end(real::rollback, UNDOING);
      throw e;
    }
    end(real::commit, UNDOING);
  }

  private String lastStretch() {
    return holds.isEmpty() ? "the run" : "the rest of the run";
  }

  private void commitOrSay(Ending commit) {
    try {
      commit.run();
    } catch (SQLException e) {
      throw commitFailed.apply(e); // Liquibase keeps jobdb's own exception as the cause
    }
  }

  private interface Ending {
    void run() throws SQLException;
  }

  /**
   * sqlite-jdbc begins the next transaction right after a commit or rollback; in IMMEDIATE mode that
   * would take the write lock again (and wait for the app's workers) after the work is done. So the
   * last transaction it begins is a deferred one, which takes no lock and is then closed.
   */
  private void end(Ending ending, String what) throws SQLException {
    open = false;
    SQLiteConnectionConfig config = real.unwrap(SQLiteConnection.class).getConnectionConfig();
    SQLiteConfig.TransactionMode mode = config.getTransactionMode();
    config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
    try {
      ending.run();
      holds.add(new LockHold(what, (System.nanoTime() - lockedNanos) / 1_000_000));
      real.setAutoCommit(true);
    } finally {
      config.setTransactionMode(mode);
    }
  }

  /** Ends the unit that created and recorded an index, and takes the write lock again. */
  private void commitIndex() throws SQLException {
    try {
      real.commit(); // IMMEDIATE mode: sqlite-jdbc begins the next transaction, waiting for it
    } finally {
      holds.add(new LockHold("index " + indexCreated,
          (System.nanoTime() - lockedNanos) / 1_000_000));
    }
    lockedNanos = System.nanoTime();
    indexCreated = null;
    indexRecorded = false;
    changePending = false;
  }

  /**
   * Commits a unit that only wrote to Liquibase's own tables (its tables created, its lock row, a
   * changeset recorded as adopted) while no change waits, and takes the write lock again: the
   * app's writers wait for one such step at a time, not for all of them and the change.
   */
  private void commitBookkeeping() throws SQLException {
    try {
      real.commit(); // IMMEDIATE mode: sqlite-jdbc begins the next transaction, waiting for it
    } finally {
      holds.add(new LockHold(BOOKKEEPING, (System.nanoTime() - lockedNanos) / 1_000_000));
    }
    lockedNanos = System.nanoTime();
  }

  /**
   * Each stretch that held the write lock, from the moment BEGIN IMMEDIATE got it (the wait for
   * the app's writers not included) to the end of its commit or rollback.
   */
  public List<LockHold> holds() {
    return List.copyOf(holds);
  }

  /** Indexes committed with their changesets before the end of the run. */
  @Override
  public List<String> committedBeforeTheEnd() {
    return holds.stream().map(LockHold::what).filter(w -> w.startsWith("index ")).toList();
  }

  @Override
  public void close() throws SQLException {
    rollback();
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = real.createStatement()) {
      statement.execute(sql);
    }
  }

  /** A pragma that sets something (writable_schema, schema_version) is part of the change. */
  static boolean isWrite(String sql) {
    String head = sql.stripLeading().toUpperCase(Locale.ROOT);
    return !(head.startsWith("SELECT")
        || (head.startsWith("PRAGMA") && !head.contains("="))
        || head.startsWith("WITH")
        || head.startsWith("EXPLAIN")
        || head.startsWith("SAVEPOINT")
        || head.startsWith("RELEASE")
        || head.startsWith("ROLLBACK TO"));
  }

  private void record(String sql) {
    if (sql != null && isWrite(sql)) {
      writes.add(sql.strip());
      if (LiquibaseTables.isBookkeeping(sql)) {
        unitKeptBooks = true;
      } else {
        unitChanged = true;
      }
      Matcher index = CREATE_INDEX.matcher(sql);
      String head = sql.stripLeading().toUpperCase(Locale.ROOT);
      if (stepByStep && index.lookingAt()) {
        unitDidMore |= unitCreatedAnIndex;
        unitCreatedAnIndex = true;
        indexCreated = index.group(1);
      } else if (head.startsWith("INSERT INTO DATABASECHANGELOG ")) {
        indexRecorded = indexCreated != null;
      } else if (!head.startsWith("UPDATE DATABASECHANGELOGLOCK ")) {
        unitDidMore = true;
      }
    }
  }

  private static final Pattern CREATE_INDEX = Pattern.compile(
      "\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\S+)",
      Pattern.CASE_INSENSITIVE);

  private final class ConnectionHandler implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "commit":
          execute("RELEASE " + UNIT);
          if (indexRecorded) {
            commitOrSay(RunTransaction.this::commitIndex);
          } else {
            if (unitDidMore) {
              indexCreated = null; // its indexes came with more: not an index changeset
            }
            changePending |= unitChanged;
            if (booksAtStart != null && unitKeptBooks && !changePending && indexCreated == null) {
              commitOrSay(RunTransaction.this::commitBookkeeping);
            }
          }
          unitDidMore = false;
          unitCreatedAnIndex = false;
          unitKeptBooks = false;
          unitChanged = false;
          execute("SAVEPOINT " + UNIT);
          return null;
        case "rollback":
          if (args == null || args.length == 0) {
            execute("ROLLBACK TO " + UNIT);
            indexCreated = null;
            indexRecorded = false;
            unitDidMore = false;
            unitCreatedAnIndex = false;
            unitKeptBooks = false;
            unitChanged = false;
            return null;
          }
          break;
        case "setAutoCommit":
        case "close":
          return null;
        case "getAutoCommit":
          return false;
        case "isClosed":
          return !open || real.isClosed();
        case "prepareStatement":
        case "prepareCall":
          record((String) args[0]);
          break;
        default:
          break;
      }
      Object result = invokeReal(real, method, args);
      if (result instanceof Statement statement && method.getName().equals("createStatement")) {
        return recording(statement);
      }
      return result;
    }
  }

  private Statement recording(Statement statement) {
    return (Statement)
        Proxy.newProxyInstance(
            Statement.class.getClassLoader(),
            new Class<?>[] {Statement.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if ((name.startsWith("execute") || name.equals("addBatch"))
                  && args != null
                  && args.length > 0
                  && args[0] instanceof String sql) {
                record(sql);
              }
              if (name.equals("getConnection")) {
                return forLiquibase;
              }
              return invokeReal(statement, method, args);
            });
  }

  private static Object invokeReal(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
