package dev.jobdb.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "restore", mixinStandardHelpOptions = true, description = "TODO")
final class RestoreCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("restore is not built yet");
  }
}
