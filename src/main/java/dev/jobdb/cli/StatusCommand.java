package dev.jobdb.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true, description = "TODO")
final class StatusCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("status is not built yet");
  }
}
