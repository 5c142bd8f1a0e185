package dev.jobdb.cli;

import dev.jobdb.ExitCode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** Builds the command line: the one place that wires commands, error handling and exit codes. */
public final class Cli {
  private Cli() {}

  public static CommandLine create() {
    return create(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
  }

  public static CommandLine create(PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new JobdbCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    commandLine.setExitCodeExceptionMapper(ErrorHandler::exitCodeOf);
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    Map<String, String> exitCodes = exitCodeList();
    applyExitCodeList(commandLine, exitCodes);
    return commandLine;
  }

  private static void applyExitCodeList(CommandLine commandLine, Map<String, String> exitCodes) {
    commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n");
    commandLine.getCommandSpec().usageMessage().exitCodeList(exitCodes);
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      applyExitCodeList(sub, exitCodes);
    }
  }

  static Map<String, String> exitCodeList() {
    Map<String, String> list = new LinkedHashMap<>();
    for (ExitCode code : ExitCode.values()) {
      list.put(String.format("%3d", code.code()), code.meaning());
    }
    return list;
  }
}
