package dev.jobdb.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** Progress lines go to stderr, so stdout stays the result. */
final class Progress {
  private Progress() {}

  static Consumer<String> to(PrintWriter err) {
    return line -> {
      err.println("jobdb: " + line);
      err.flush();
    };
  }
}
