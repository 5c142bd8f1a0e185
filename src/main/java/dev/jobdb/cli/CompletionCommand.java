package dev.jobdb.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script for jobdb's commands and options.",
      "bash: add  source <(jobdb completion bash)  to ~/.bashrc",
      "zsh: add  source <(jobdb completion zsh)  to ~/.zshrc (the script loads bashcompinit)"
    })
final class CompletionCommand implements Callable<Integer> {
  /** The shells picocli's completion script supports. */
  enum Shell {
    BASH,
    ZSH
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    // The whole tree, whatever this run built: completion offers every command word.
    var everyCommand = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    out.print(AutoComplete.bash("jobdb", everyCommand));
    out.flush();
    return 0;
  }
}
