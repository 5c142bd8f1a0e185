package dev.jobdb.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Progress lines go to stderr, so stdout stays the result; and only once a run has taken a while,
 * so a quick change stays quiet.
 */
final class Progress {
  static final Duration QUIET_FOR = Duration.ofSeconds(2);

  private Progress() {}

  static Consumer<String> to(PrintWriter err) {
    long started = System.nanoTime();
    return line -> {
      if (System.nanoTime() - started >= QUIET_FOR.toNanos()) {
        err.println("jobdb: " + line);
        err.flush();
      }
    };
  }
}
