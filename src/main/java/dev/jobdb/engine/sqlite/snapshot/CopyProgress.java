package dev.jobdb.engine.sqlite.snapshot;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Progress of a copy in percent: a line each time it passes a tenth (so also at the end), and only
 * once the copy has taken longer than {@code quietFor}: a snapshot of a small database stays
 * silent.
 */
final class CopyProgress {
  private static final int EVERY_PERCENT = 10;

  private final Consumer<String> out;
  private final long quietForNanos;
  private final LongSupplier nanoTime;
  private final long started;
  private int reported = -1;

  CopyProgress(Consumer<String> out, Duration quietFor, LongSupplier nanoTime) {
    this.out = out;
    this.quietForNanos = quietFor.toNanos();
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
  }

  /** After each step of the copy: {@code done} of {@code total} pages of {@code pageSize}. */
  void copied(long done, long total, long pageSize) {
    if (total <= 0 || nanoTime.getAsLong() - started < quietForNanos) {
      return;
    }
    int percent = (int) (done * 100 / total);
    if (reported < 0 || percent / EVERY_PERCENT > reported / EVERY_PERCENT) {
      reported = percent;
      out.accept("snapshot: " + percent + "% copied (" + mib(done * pageSize) + " of "
          + mib(total * pageSize) + " MiB)");
    }
  }

  private static long mib(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }
}
