package dev.jobdb.cli.options;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.engine.Engine;
import java.util.TreeSet;
import picocli.CommandLine.ParseResult;

/**
 * Options that mean something on one kind of database only (each engine names them). Given for
 * the other kind they would be silently ignored, so the run is refused instead (exit 2), naming
 * the option and why.
 */
final class DatabaseKindFlags {
  private DatabaseKindFlags() {}

  /** @throws JobdbException {@link ExitCode#USAGE} for the first option that does not apply */
  static void refuseInapplicable(ParseResult parsed, Engine engine) {
    if (parsed == null) {
      return;
    }
    for (String option : new TreeSet<>(engine.optionsThatDoNotApply().keySet())) {
      if (parsed.hasMatchedOption(option)) {
        throw new JobdbException(ExitCode.USAGE, option + " does not apply to a "
            + engine.kind() + " database: " + engine.optionsThatDoNotApply().get(option)
            + "; drop " + option);
      }
    }
  }
}
