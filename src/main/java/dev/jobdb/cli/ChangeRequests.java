package dev.jobdb.cli;

import dev.jobdb.cli.options.ChangeOptions;
import dev.jobdb.cli.options.DatabaseOptions;
import dev.jobdb.cli.options.OutputOptions;
import dev.jobdb.cli.options.OnlineChangeOptions;
import dev.jobdb.cli.options.RemapOptions;
import dev.jobdb.config.ChangelogLocation;
import dev.jobdb.config.StatusEnum;
import dev.jobdb.engine.Engine;
import dev.jobdb.run.ChangeRequest;
import picocli.CommandLine.Model.CommandSpec;

/** The request of migrate up and rollback, from their options. */
final class ChangeRequests {
  private ChangeRequests() {}

  static ChangeRequest of(Engine engine, boolean create, ChangeOptions change,
      RemapOptions remap, OutputOptions output, OnlineChangeOptions online, StatusEnum statusEnum,
      ChangelogLocation changelog, DatabaseOptions database, CommandSpec spec) {
    return new ChangeRequest(engine, create, change.dryRun, !change.noBackup, change.backupDir,
        output.verbose(), remap.checked(statusEnum), Progress.to(spec.commandLine().getErr()),
        statusEnum, changelog, change.rebuild, change.keep.resolve(database),
        online.lockPolicy(), online.rewriteEnum);
  }
}
