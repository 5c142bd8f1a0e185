package dev.jobdb.engine.sqlite.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CopyProgressTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final List<String> lines = new ArrayList<>();

  @Test
  void staysQuietUntilTheQuietTimeHasPassedThenReportsEveryTenthAndTheEnd() {
    CopyProgress progress = new CopyProgress(lines::add, Duration.ofSeconds(2), now::get);
    long total = 1000;
    for (long done = 100; done <= total; done += 50) {
      if (done == 400) {
        now.addAndGet(Duration.ofSeconds(2).toNanos());
      }
      progress.copied(done, total, 4096);
    }

    assertThat(lines).containsExactly(
        "snapshot: 40% copied (2 of 4 MiB)",
        "snapshot: 50% copied (2 of 4 MiB)",
        "snapshot: 60% copied (3 of 4 MiB)",
        "snapshot: 70% copied (3 of 4 MiB)",
        "snapshot: 80% copied (4 of 4 MiB)",
        "snapshot: 90% copied (4 of 4 MiB)",
        "snapshot: 100% copied (4 of 4 MiB)");
  }

  @Test
  void reportsEachTenthOnceWhateverTheStepSize() {
    CopyProgress progress = new CopyProgress(lines::add, Duration.ZERO, now::get);
    for (long done = 59; done <= 100; done += 7) {
      progress.copied(done, 100, 1 << 20);
    }
    progress.copied(100, 100, 1 << 20);

    assertThat(lines).containsExactly(
        "snapshot: 59% copied (59 of 100 MiB)",
        "snapshot: 66% copied (66 of 100 MiB)",
        "snapshot: 73% copied (73 of 100 MiB)",
        "snapshot: 80% copied (80 of 100 MiB)",
        "snapshot: 94% copied (94 of 100 MiB)",
        "snapshot: 100% copied (100 of 100 MiB)");
  }

  @Test
  void saysNothingAboutACopyThatEndsWithinTheQuietTime() {
    CopyProgress progress = new CopyProgress(lines::add, Duration.ofSeconds(2), now::get);
    progress.copied(500, 1000, 4096);
    now.addAndGet(Duration.ofMillis(1999).toNanos());
    progress.copied(1000, 1000, 4096);

    assertThat(lines).isEmpty();
  }
}
