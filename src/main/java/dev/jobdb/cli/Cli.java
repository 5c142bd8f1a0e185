package dev.jobdb.cli;

import dev.jobdb.ExitCode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

/** Builds the command line: the one place that wires commands, error handling and exit codes. */
public final class Cli {
  /**
   * Every command word. picocli builds a command's model by reflection over its annotations, which
   * is most of jobdb's start-up; so a run builds only the command it was given (see README,
   * Start-up), and help, completion and unknown words get them all.
   */
  private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("verify-schema", VerifySchemaCommand::new);
    COMMANDS.put("migrate", MigrateCommand::new);
    COMMANDS.put("rollback", RollbackCommand::new);
    COMMANDS.put("status", StatusCommand::new);
    COMMANDS.put("restore", RestoreCommand::new);
    COMMANDS.put("completion", CompletionCommand::new);
    COMMANDS.put("make-fixture", FixtureCommand::new);
    COMMANDS.put("help", HelpCommand::new);
  }

  private Cli() {}

  /** Runs {@code jobdb ARGS...} on the terminal; returns the exit code. */
  public static int run(String[] args) {
    return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
  }

  /** Runs one command line as {@code jobdb ARGS...} would; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return create(out, err, onlyCommandNeeded(args)).execute(args);
  }

  /** Every command: for help, completion and tests of the whole tree. */
  public static CommandLine create(PrintWriter out, PrintWriter err) {
    return create(out, err, null);
  }

  private static CommandLine create(PrintWriter out, PrintWriter err, String onlyCommand) {
    CommandLine commandLine = new CommandLine(new JobdbCommand());
    if (onlyCommand != null) {
      commandLine.addSubcommand(COMMANDS.get(onlyCommand).get());
    } else {
      COMMANDS.values().forEach(command -> commandLine.addSubcommand(command.get()));
    }
    commandLine.setCaseInsensitiveEnumValuesAllowed(true); // --check full, completion bash
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    commandLine.setExitCodeExceptionMapper(ErrorHandler::exitCodeOf);
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    applyExitCodeList(commandLine, exitCodeList());
    return commandLine;
  }

  /** The command word the arguments start with, unless it is help (which shows the others). */
  private static String onlyCommandNeeded(String[] args) {
    if (args.length == 0 || args[0].equals("help") || !COMMANDS.containsKey(args[0])) {
      return null;
    }
    return args[0];
  }

  static Iterable<String> commandWords() {
    return COMMANDS.keySet();
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
