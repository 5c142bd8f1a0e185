package dev.jobdb.engine;

import java.util.Map;
import java.util.function.Consumer;

/** What a run asks of every status change, and where the change reports what it did. */
public interface ChangeContext {
  /** For a narrowing: the status each rejected status moves to ({@code --remap}). */
  Map<String, String> remap();

  Consumer<String> progress();

  /** SQLite: rebuild the table even where the change could be made in place. */
  boolean rebuild();

  /** How long a step may wait for a lock that blocks the app's writers. */
  LockPolicy lockPolicy();

  /** The user accepts rewriting job_queue to narrow a native enum type. */
  boolean rewriteEnum();

  /** --dry-run: say what would run; change nothing that outlives the run's transaction. */
  boolean dryRun();

  void note(String line);

  /** A constraint change: its line among the notes, and its record for the JSON. */
  void record(ConstraintChange change);

  /** A step that blocked the app's writers, where the change commits its own steps. */
  void held(LockHold hold);
}
