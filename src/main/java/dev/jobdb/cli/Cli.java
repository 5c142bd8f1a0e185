package dev.jobdb.cli;

import dev.jobdb.ExitCode;
import dev.jobdb.cli.view.VersionReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;

/** Builds the command line: the one place that wires commands, error handling and exit codes. */
public final class Cli {
  /**
   * Every command word. picocli builds a command's model by reflection over its annotations, which
   * was most of jobdb's start-up; so a run builds only the command it was given (see
   * docs/speed.md, Start-up). {@code jobdb --help} and {@code --version} list the others from
   * their {@code @Command} annotation alone; {@code help} and completion build them all.
   */
  private static final Map<String, Word> COMMANDS = new LinkedHashMap<>();

  private record Word(Class<?> type, Supplier<Object> create) {}

  static {
    COMMANDS.put("verify-schema", new Word(VerifySchemaCommand.class, VerifySchemaCommand::new));
    COMMANDS.put("migrate", new Word(MigrateCommand.class, MigrateCommand::new));
    COMMANDS.put("rollback", new Word(RollbackCommand.class, RollbackCommand::new));
    COMMANDS.put("status", new Word(StatusCommand.class, StatusCommand::new));
    COMMANDS.put("restore", new Word(RestoreCommand.class, RestoreCommand::new));
    COMMANDS.put("completion", new Word(CompletionCommand.class, CompletionCommand::new));
    COMMANDS.put("make-fixture", new Word(FixtureCommand.class, FixtureCommand::new));
    COMMANDS.put("help", new Word(HelpCommand.class, HelpCommand::new));
  }

  /** Which subcommands a run gets. */
  private enum Build {
    ALL,
    ONE,
    LISTING
  }

  private Cli() {}

  /** Runs {@code jobdb ARGS...} on the terminal; returns the exit code. */
  public static int run(String[] args) {
    return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
  }

  /** Runs one command line as {@code jobdb ARGS...} would; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    String word = firstWord(args);
    Build build =
        word == null || !COMMANDS.containsKey(word) ? Build.LISTING
            : word.equals("help") ? Build.ALL
            : Build.ONE;
    return create(out, err, build, word).execute(args);
  }

  /** Every command: for help, completion and tests of the whole tree. */
  public static CommandLine create(PrintWriter out, PrintWriter err) {
    return create(out, err, Build.ALL, null);
  }

  /** {@code jobdb --help} as a run without a command word shows it. */
  static CommandLine createForListing(PrintWriter out, PrintWriter err) {
    return create(out, err, Build.LISTING, null);
  }

  private static CommandLine create(PrintWriter out, PrintWriter err, Build build, String word) {
    CommandLine commandLine = new CommandLine(new JobdbCommand());
    switch (build) {
      case ONE -> commandLine.addSubcommand(COMMANDS.get(word).create().get());
      case ALL -> COMMANDS.values().forEach(w -> commandLine.addSubcommand(w.create().get()));
      case LISTING -> COMMANDS.values().forEach(w -> addListingOnly(commandLine, w.type()));
    }
    commandLine.setCaseInsensitiveEnumValuesAllowed(true); // --check full, completion bash
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    commandLine.setExitCodeExceptionMapper(ErrorHandler::exitCodeOf);
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    applyExitCodeList(commandLine, exitCodeList());
    applyVersion(commandLine);
    return commandLine;
  }

  /**
   * {@code jobdb COMMAND --version} (the standard help options every command has) prints what
   * {@code jobdb --version} prints; without a provider picocli would print nothing.
   */
  private static void applyVersion(CommandLine commandLine) {
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      sub.getCommandSpec().versionProvider(
          () -> VersionReport.current().lines().toArray(String[]::new));
      applyVersion(sub);
    }
  }

  /**
   * The first argument that is not an option: jobdb's own options take no value, so it is the
   * command word if there is one. Only when it is none are the listing-only entries used, so no
   * run can ever execute one.
   */
  private static String firstWord(String[] args) {
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        return arg;
      }
    }
    return null;
  }

  static Iterable<String> commandWords() {
    return COMMANDS.keySet();
  }

  /** A name and a description for the list of commands, read from the annotation alone. */
  private static void addListingOnly(CommandLine commandLine, Class<?> type) {
    Command command = type.getAnnotation(Command.class);
    CommandSpec entry = CommandSpec.create().name(command.name());
    entry.usageMessage()
        .header(command.header())
        .description(command.description())
        .hidden(command.hidden());
    commandLine.addSubcommand(command.name(), entry);
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
