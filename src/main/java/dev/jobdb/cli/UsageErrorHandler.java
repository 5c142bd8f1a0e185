package dev.jobdb.cli;

import dev.jobdb.cli.view.ErrorReport;
import dev.jobdb.cli.view.Json;

import dev.jobdb.ExitCode;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * A bad flag or argument: one line, a pointer to help, exit code 2; with {@code --json} among the
 * arguments also one {@link ErrorReport} document on stdout.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    var err = commandLine.getErr();
    String message =
        e.getMessage() + ": see '" + commandLine.getCommandSpec().qualifiedName() + " --help'";
    err.println("jobdb: " + message);
    err.flush();
    if (Arrays.asList(args).contains("--json")) {
      Json.print(commandLine.getOut(), ErrorReport.of(ExitCode.USAGE, message, null));
    }
    return ExitCode.USAGE.code();
  }
}
