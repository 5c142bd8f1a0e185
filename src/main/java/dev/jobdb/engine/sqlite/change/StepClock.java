package dev.jobdb.engine.sqlite.change;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Times a rebuild's steps and announces each one as it starts. */
public final class StepClock {
  interface Action<T> {
    T run() throws SQLException;
  }

  private final Consumer<String> progress;
  private final String table;
  private final Map<RebuildStep, Duration> timings = new LinkedHashMap<>();
  private final long started = System.nanoTime();

  StepClock(Consumer<String> progress, String table) {
    this.progress = progress;
    this.table = table;
  }

  /** Runs one step (or another part of one: the times add up); announces a step once. */
  <T> T run(RebuildStep step, String detail, Action<T> action) throws SQLException {
    if (!timings.containsKey(step)) {
      progress.accept("rebuild " + table + ": " + step.description()
          + (detail.isEmpty() ? "" : " " + detail));
    }
    long start = System.nanoTime();
    try {
      return action.run();
    } finally {
      timings.merge(step, Duration.ofNanos(System.nanoTime() - start), Duration::plus);
    }
  }

  Map<RebuildStep, Duration> timings() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(timings));
  }

  Duration total() {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
