package dev.jobdb.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "rollback", mixinStandardHelpOptions = true, description = "TODO")
final class RollbackCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("rollback is not built yet");
  }
}
