package dev.jobdb.cli.options;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ParseResult;

/**
 * Flags that mean something on one kind of database only. Given for the other kind they would be
 * silently ignored, so the run is refused instead (exit 2), naming the flag and why.
 */
final class DatabaseKindFlags {
  private DatabaseKindFlags() {}

  private static final Map<String, String> SQLITE_ONLY = Map.of(
      "--create", "a PostgreSQL database is created by its server, not by jobdb",
      "--rebuild", "PostgreSQL changes the constraint online and never rebuilds job_queue",
      "--busy-timeout", "PostgreSQL waits per step under --lock-timeout instead",
      "--check", "it names SQLite's damage checks; PostgreSQL has no file to check");
  private static final Map<String, String> POSTGRES_ONLY = Map.of(
      "--lock-timeout", "SQLite waits for the app's writers under --busy-timeout instead",
      "--lock-attempts", "SQLite waits for the app's writers under --busy-timeout instead",
      "--rewrite-enum", "SQLite has no enum types: the CHECK constraint is changed in place");

  /** @throws JobdbException {@link ExitCode#USAGE} for the first flag that does not apply */
  static void refuseInapplicable(ParseResult parsed, boolean postgres) {
    Map<String, String> notHere = postgres ? SQLITE_ONLY : POSTGRES_ONLY;
    for (String flag : List.copyOf(new java.util.TreeSet<>(notHere.keySet()))) {
      if (parsed != null && parsed.hasMatchedOption(flag)) {
        throw new JobdbException(ExitCode.USAGE, flag + " does not apply to a "
            + (postgres ? "PostgreSQL" : "SQLite") + " database: " + notHere.get(flag)
            + "; drop " + flag);
      }
    }
  }
}
