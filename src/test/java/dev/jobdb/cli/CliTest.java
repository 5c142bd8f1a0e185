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
  void theVersionIsThePomsOnTheTopCommandAndOnEveryCommand() {
    // surefire passes the pom's version; version.properties is filtered from it at build time
    String pomVersion = System.getProperty("jobdb.version");
    assertThat(pomVersion).as("jobdb.version from surefire").isNotBlank();

    for (String[] args : new String[][] {{"--version"}, {"-V"}, {"verify-schema", "--version"},
        {"migrate", "up", "--version"}, {"make-fixture", "-V"}}) {
      CliRun run = CliRun.of(args);

      assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(run.outLines()).as(String.join(" ", args)).first()
          .isEqualTo("jobdb " + pomVersion);
    }
  }

  @Test
  void aRunWithOneCommandWordStillReachesItsSubcommands() {
    CliRun run = CliRun.of("migrate", "up", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: jobdb migrate up");
  }
}
