package dev.jobdb.cli.options;

import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.config.DatabaseTarget;
import dev.jobdb.config.StatusEnum;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** How results are shown. */
public final class OutputOptions {
  @Option(names = "--json", description = "Print the result as one JSON document on stdout.")
  public boolean json;

  @Option(names = "--verbose", description = "Show Liquibase's log and stack traces on stderr.")
  public boolean verbose;

  public boolean json() {
    return json;
  }

  public boolean verbose() {
    return verbose;
  }

  /**
   * Every command's first line in text mode: which database and why that one, printed before any
   * work, so even a failure shows which file it was about; then each warning about how the app's
   * readers of .env could disagree on it.
   */
  public void announce(PrintWriter out, DatabaseTarget database) {
    if (!json) {
      out.println("database: " + database.describe());
      if (database instanceof DatabaseLocation location) {
        for (String warning : location.warnings()) {
          out.println("  warning: " + warning);
        }
      }
      out.flush();
    }
  }

  /** The line right after the database's: which enum the statuses come from, and why. */
  public void announce(PrintWriter out, StatusEnum statusEnum) {
    if (!json) {
      out.println("enum: " + statusEnum.describe());
      out.flush();
    }
  }
}
