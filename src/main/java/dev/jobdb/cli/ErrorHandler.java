package dev.jobdb.cli;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one line on stderr and its exit code; the stack trace only with
 * {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
    var err = commandLine.getErr();
    err.println("jobdb: " + messageOf(e));
    if (verbose(parsed)) {
      e.printStackTrace(err);
    } else if (!(e instanceof JobdbException)) {
      err.println("jobdb: run again with --verbose for the stack trace");
    }
    err.flush();
    return exitCodeOf(e);
  }

  static int exitCodeOf(Throwable e) {
    if (e instanceof JobdbException j) {
      return j.exitCode().code();
    }
    return ExitCode.DATABASE_UNUSABLE.code();
  }

  private static String messageOf(Exception e) {
    if (e instanceof JobdbException) {
      return e.getMessage();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "unexpected error: " + message.replaceAll("\\s+", " ");
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
