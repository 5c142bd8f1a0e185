package dev.jobdb.engine.sqlite.change;

import dev.jobdb.db.IntegrityCheck;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a rebuild runs.
 *
 * @param progress receives one line per step (the CLI may print them to stderr)
 * @param integrityCheck which integrity pragma checks the rebuilt table
 */
public record RebuildOptions(
    Consumer<String> progress, IntegrityCheck integrityCheck) {
  public RebuildOptions {
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(integrityCheck, "integrityCheck");
  }

  /**
   * No progress output, the b-tree walk ({@link IntegrityCheck#PAGES}: about 0.3 s at 1M rows,
   * against quick_check's 1.1-1.5 s and integrity_check's tens of seconds).
   */
  public static RebuildOptions defaults() {
    return new RebuildOptions(line -> {}, IntegrityCheck.PAGES);
  }

  public RebuildOptions withProgress(Consumer<String> progress) {
    return new RebuildOptions(progress, integrityCheck);
  }

  public RebuildOptions withIntegrityCheck(IntegrityCheck integrityCheck) {
    return new RebuildOptions(progress, integrityCheck);
  }
}
