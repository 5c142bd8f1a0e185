package dev.jobdb.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "verify-schema", mixinStandardHelpOptions = true, description = "TODO")
final class VerifySchemaCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("verify-schema is not built yet");
  }
}
