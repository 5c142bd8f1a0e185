package dev.jobdb.cli;

import dev.jobdb.cli.options.DatabaseOptions;
import dev.jobdb.cli.options.EnumOptions;
import dev.jobdb.cli.options.KeepOptions;
import dev.jobdb.cli.options.OutputOptions;
import dev.jobdb.cli.view.Json;

import dev.jobdb.JobdbException;
import dev.jobdb.engine.Engine;
import dev.jobdb.engine.RestoreResult;
import dev.jobdb.run.RestoreService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Put a snapshot back with SQLite's backup API, after snapshotting the current state.",
      "Refused while another jobdb works on the database."
    })
final class RestoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DatabaseOptions database;
  @Mixin EnumOptions appEnum;
  @Mixin OutputOptions output;
  @Mixin KeepOptions keep;

  @Option(names = "--from", paramLabel = "FILE",
      description = "The snapshot to restore (default: this database's newest snapshot).")
  Path from;

  @Option(names = "--backup-dir", paramLabel = "DIR",
      description = "Where snapshots are, and where the pre-restore one goes (default: beside"
          + " the database).")
  Path backupDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    backupDir = database.settings().backupDir(backupDir).orElse(null);
    Engine engine = database.engine();
    output.announce(out, engine.target());
    announceEnumIfReadable(out);
    RestoreResult result = new RestoreService().restore(engine, from, backupDir,
        keep.resolve(database), Progress.to(spec.commandLine().getErr()));
    if (output.json()) {
      Json.print(out, result);
      return 0;
    }
    out.println("restored:  " + result.restoredFrom().path() + " (verified: "
        + switch (result.verifiedBy()) {
          case "checksum" -> "unchanged since it was taken and checked";
          case "integrity_check" -> "integrity_check ok";
          default -> "its rows counted per status, as its header records them";
        }
        + ", " + result.after().total() + " jobs, as in the snapshot)");
    out.println("before:    " + result.before().describe());
    out.println("after:     " + result.after().describe());
    out.println("undo with: jobdb restore --from " + result.safetySnapshot().path());
    result.notes().forEach(note -> out.println("  " + note));
    out.printf("done in %.2f s%n", result.elapsedMillis() / 1000.0);
    out.flush();
    return 0;
  }

  /**
   * Restore puts back a whole file and needs no enum: an enum file that cannot be read must not
   * stand between the user and their snapshot, so it is a warning here, not exit 2.
   */
  private void announceEnumIfReadable(PrintWriter out) {
    try {
      output.announce(out, appEnum.resolve(database));
    } catch (JobdbException unreadable) {
      spec.commandLine().getErr().println("jobdb: warning: " + unreadable.getMessage()
          + " (restore does not use the enum, so it goes on)");
    }
  }
}
