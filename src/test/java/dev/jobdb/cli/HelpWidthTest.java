package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every help page fits an 80-column terminal and never splits a path, a flag or a file name over
 * two lines (a line break inside {@code ./.env} or {@code --busy-timeout} cannot be copied).
 */
class HelpWidthTest {
  private static final int WIDTH = 80;

  @Test
  void everyHelpPageFitsEightyColumns() {
    for (CommandLine command : everyCommand()) {
      for (String line : usage(command).lines().toList()) {
        assertThat(line.length())
            .as("%s --help, line: %s", command.getCommandName(), line)
            .isLessThanOrEqualTo(WIDTH);
      }
    }
  }

  @Test
  void noPathFlagOrFileNameIsBrokenAcrossLines() {
    for (CommandLine command : everyCommand()) {
      List<String> lines = usage(command).lines().toList();
      for (String token : unbreakableTokens(command.getCommandSpec())) {
        assertThat(lines)
            .as("%s --help shows '%s' whole on one line", command.getCommandName(), token)
            .anyMatch(line -> line.contains(token));
      }
    }
  }

  @Test
  void jobdbHelpListsTheCommandsFromTheirAnnotationsExactlyAsTheWholeTreeDoes() {
    CommandLine listing =
        Cli.createForListing(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    CommandLine whole =
        Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));

    assertThat(usage(listing)).isEqualTo(usage(whole)).contains("verify-schema", "completion");
  }

  /** Words of the descriptions that hold a slash, a dot, a dash or a colon inside them. */
  private static List<String> unbreakableTokens(CommandSpec spec) {
    List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
    for (OptionSpec option : spec.options()) {
      texts.addAll(List.of(option.description()));
      texts.addAll(List.of(option.names()));
    }
    for (PositionalParamSpec parameter : spec.positionalParameters()) {
      texts.addAll(List.of(parameter.description()));
    }
    List<String> tokens = new ArrayList<>();
    for (String text : texts) {
      for (String word : text.split("\\s+")) {
        String bare = word.replaceAll("^[(\"'`]+|[),;:\"'`]+$|\\.$", "");
        if (bare.contains("${") || bare.contains("%")) {
          continue;
        }
        if (bare.length() > 1 && bare.substring(1).matches(".*[/.\\-:\\\\].*")) {
          tokens.add(bare);
        }
      }
    }
    return tokens;
  }

  private static List<CommandLine> everyCommand() {
    List<CommandLine> all = new ArrayList<>();
    collect(Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), all);
    return all;
  }

  private static void collect(CommandLine command, List<CommandLine> into) {
    into.add(command);
    command.getSubcommands().values().stream()
        .filter(sub -> sub.getCommandSpec().parent() == command.getCommandSpec())
        .distinct()
        .forEach(sub -> collect(sub, into));
  }

  private static String usage(CommandLine command) {
    command.setUsageHelpWidth(WIDTH);
    StringWriter text = new StringWriter();
    command.usage(new PrintWriter(text), CommandLine.Help.Ansi.OFF);
    return text.toString();
  }
}
