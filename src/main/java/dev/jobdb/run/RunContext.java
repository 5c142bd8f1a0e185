package dev.jobdb.run;

import dev.jobdb.change.ConstraintChange;
import dev.jobdb.config.StatusEnum;
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
 * @param rebuild rebuild the table for every constraint change, even where it could be made in
 *     place ({@code --rebuild})
 * @param notes what each change did, in order, for the result
 * @param constraintChanges each constraint change and which way it went, in order
 */
public record RunContext(
    Map<String, String> remap, Consumer<String> progress, StatusEnum statusEnum, boolean rebuild,
    List<String> notes, List<ConstraintChange> constraintChanges) {
  public static final String SCOPE_KEY = "dev.jobdb.run";

  public RunContext {
    remap = Map.copyOf(remap);
    notes = Collections.synchronizedList(new ArrayList<>(notes));
    constraintChanges = Collections.synchronizedList(new ArrayList<>(constraintChanges));
  }

  public static RunContext of(
      Map<String, String> remap, Consumer<String> progress, StatusEnum statusEnum,
      boolean rebuild) {
    return new RunContext(remap, progress, statusEnum, rebuild, List.of(), List.of());
  }

  /**
   * The context of the running jobdb command; outside one (e.g. Liquibase's own CLI) a quiet default
   * with the built-in enum.
   */
  public static RunContext current() {
    RunContext context = Scope.getCurrentScope().get(SCOPE_KEY, RunContext.class);
    return context != null ? context
        : of(Map.of(), line -> {}, StatusEnum.builtIn("default: outside a jobdb command"), false);
  }

  public Map<String, Object> asScope() {
    return Map.of(SCOPE_KEY, this);
  }

  public void note(String line) {
    notes.add(line);
  }

  /** Reports a constraint change: its line among the notes, and its record for the JSON. */
  public void record(ConstraintChange change) {
    notes.add(change.summary());
    constraintChanges.add(change);
  }
}
