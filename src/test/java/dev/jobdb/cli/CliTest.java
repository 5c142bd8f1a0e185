package dev.jobdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The command words a run looks up before building anything, against the commands' own names. */
class CliTest {
  @Test
  void everyCommandWordIsTheNameItsCommandDeclares() {
    var whole = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));

    assertThat(whole.getSubcommands().keySet()).containsExactlyElementsOf(Cli.commandWords());
  }

  @Test
  void aRunWithOneCommandWordStillReachesItsSubcommands() {
    CliRun run = CliRun.of("migrate", "up", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: jobdb migrate up");
  }

  @Test
  void versionPrintsThePomsVersionFirst() {
    CliRun run = CliRun.of("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.outLines().get(0))
        .isEqualTo("jobdb " + System.getProperty("jobdb.version", "(surefire passes the pom's)"));
  }
}
