package dev.jobdb.run;

import dev.jobdb.config.StatusEnum;
import dev.jobdb.engine.ChangeContext;
import dev.jobdb.engine.Engine;
import dev.jobdb.engine.Engines;
import dev.jobdb.engine.LiveSchema;
import java.sql.Connection;
import java.sql.SQLException;
import dev.jobdb.engine.ConstraintChange;
import dev.jobdb.engine.LockHold;
import dev.jobdb.engine.LockPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import liquibase.Scope;

/**
 * What a jobdb run hands to its Liquibase custom changes (through Liquibase's {@link Scope}), and
 * what they report back.
 *
 * @param remap explicit status mapping for a narrowing change ({@code --remap}), may be empty
 * @param progress progress lines for stderr
 * @param statusEnum the app's enum as the run resolved it: custom changes whose values are not
 *     given in the changeset use its values
 * @param rebuild SQLite: rebuild the table for every constraint change ({@code --rebuild})
 * @param lockPolicy how long a step may wait for a lock that blocks the app's writers
 * @param rewriteEnum narrowing a native enum type may rewrite job_queue ({@code --rewrite-enum})
 * @param dryRun the run is rolled back at the end ({@code --dry-run})
 * @param notes what each change did, in order, for the result
 * @param constraintChanges each constraint change and which way it went, in order
 * @param holds steps that blocked the app's writers, where a change commits its own steps
 * @param engine the database's engine; null outside a jobdb command (Liquibase's own CLI)
 */
public record RunContext(
    Map<String, String> remap, Consumer<String> progress, StatusEnum statusEnum, boolean rebuild,
    LockPolicy lockPolicy, boolean rewriteEnum, boolean dryRun, List<String> notes,
    List<ConstraintChange> constraintChanges, List<LockHold> holds, Engine engine)
    implements ChangeContext {
  public static final String SCOPE_KEY = "dev.jobdb.run";

  public RunContext {
    remap = Map.copyOf(remap);
    notes = Collections.synchronizedList(new ArrayList<>(notes));
    constraintChanges = Collections.synchronizedList(new ArrayList<>(constraintChanges));
    holds = Collections.synchronizedList(new ArrayList<>(holds));
  }

  public static RunContext of(ChangeRequest request) {
    return new RunContext(request.remap(), request.progress(), request.statusEnum(),
        request.rebuild(), request.lockPolicy(), request.rewriteEnum(), request.dryRun(),
        List.of(), List.of(), List.of(), request.engine());
  }

  /** A quiet context: no progress, the default lock policy, not a dry run. */
  public static RunContext quiet(StatusEnum statusEnum) {
    return new RunContext(Map.of(), line -> {}, statusEnum, false, LockPolicy.DEFAULT, false,
        false, List.of(), List.of(), List.of(), null);
  }

  /** The same run without progress lines (its rehearsal). */
  public RunContext silenced() {
    return new RunContext(remap, line -> {}, statusEnum, rebuild, lockPolicy, rewriteEnum,
        dryRun, List.of(), List.of(), List.of(), engine);
  }

  /** The live schema over {@code c}: through the run's engine, which names the database. */
  public LiveSchema schema(Connection c) throws SQLException {
    return engine != null ? engine.schema(c) : Engines.schema(c);
  }

  /**
   * The context of the running jobdb command; outside one (e.g. Liquibase's own CLI) a quiet default
   * with the built-in enum.
   */
  public static RunContext current() {
    RunContext context = Scope.getCurrentScope().get(SCOPE_KEY, RunContext.class);
    return context != null ? context
        : quiet(StatusEnum.builtIn("default: outside a jobdb command"));
  }

  public Map<String, Object> asScope() {
    return Map.of(SCOPE_KEY, this);
  }

  @Override
  public void note(String line) {
    notes.add(line);
  }

  @Override
  public void record(ConstraintChange change) {
    notes.add(change.summary());
    constraintChanges.add(change);
  }

  @Override
  public void held(LockHold hold) {
    holds.add(hold);
  }
}
