package dev.jobdb.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "up", mixinStandardHelpOptions = true, description = "TODO")
final class MigrateUpCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("migrate up is not built yet");
  }
}
