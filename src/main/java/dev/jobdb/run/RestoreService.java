package dev.jobdb.run;

import dev.jobdb.engine.Engine;
import dev.jobdb.engine.RestoreResult;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Puts a snapshot back: {@code from}, or the newest snapshot of the database. The engine takes a
 * snapshot of the current state first (so the restore can be undone) and checks the result.
 */
public final class RestoreService {
  public RestoreResult restore(Engine engine, Path from, Path backupDir, int keep,
      Consumer<String> progress) {
    return engine.restore(from, backupDir, keep, progress);
  }
}
