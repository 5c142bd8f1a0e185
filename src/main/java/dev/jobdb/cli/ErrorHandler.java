package dev.jobdb.cli;

import dev.jobdb.cli.options.DatabaseOptions;
import dev.jobdb.cli.view.ErrorReport;
import dev.jobdb.cli.view.Json;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one line on stderr and its exit code; the stack trace only with
 * {@code --verbose}; with {@code --json} also one {@link ErrorReport} document on stdout.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
    var err = commandLine.getErr();
    String message = messageOf(e);
    err.println("jobdb: " + message);
    if (matched(parsed, "--verbose")) {
      e.printStackTrace(err);
    } else if (!(e instanceof JobdbException)) {
      err.println("jobdb: run again with --verbose for the stack trace");
    }
    err.flush();
    ExitCode code = exitCodeFor(e);
    if (matched(parsed, "--json")) {
      Json.print(commandLine.getOut(), ErrorReport.of(code, message, databaseOf(parsed)));
    }
    return code.code();
  }

  static int exitCodeOf(Throwable e) {
    return exitCodeFor(e).code();
  }

  private static ExitCode exitCodeFor(Throwable e) {
    if (e instanceof JobdbException j) {
      return j.exitCode();
    }
    return ExitCode.UNEXPECTED;
  }

  private static String messageOf(Exception e) {
    if (e instanceof JobdbException) {
      return e.getMessage();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "unexpected error: " + message.replaceAll("\\s+", " ");
  }

  private static boolean matched(ParseResult parsed, String option) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(option)) {
        return true;
      }
    }
    return false;
  }

  /** The database the failed command was given, located again by the same rule; null if none. */
  private static Map<String, Object> databaseOf(ParseResult parsed) {
    ParseResult last = parsed;
    while (last.subcommand() != null) {
      last = last.subcommand();
    }
    for (CommandSpec mixin : last.commandSpec().mixins().values()) {
      if (mixin.userObject() instanceof DatabaseOptions options) {
        try {
          return ErrorReport.database(options.target());
        } catch (RuntimeException e) {
          return null; // the failure was locating it: there is no database to name
        }
      }
    }
    return null;
  }
}
