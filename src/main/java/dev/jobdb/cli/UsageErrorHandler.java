package dev.jobdb.cli;

import dev.jobdb.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** A bad flag or argument: one line, a pointer to help, exit code 2. */
final class UsageErrorHandler implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    var err = commandLine.getErr();
    err.println("jobdb: " + e.getMessage() + ": see '" + commandLine.getCommandSpec().qualifiedName()
        + " --help'");
    err.flush();
    return ExitCode.USAGE.code();
  }
}
