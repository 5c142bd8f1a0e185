package dev.jobdb.cli.options;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.engine.LockPolicy;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of migrate up and rollback that matter on PostgreSQL only. */
public final class OnlineChangeOptions {
  @Option(names = "--lock-timeout", paramLabel = "MILLIS", defaultValue = "2000",
      description = "PostgreSQL: the longest jobdb waits for a lock that blocks the app's writers;"
          + " a worker queued behind jobdb waits no longer (default: ${DEFAULT-VALUE}).")
  public long lockTimeoutMillis;

  @Option(names = "--lock-attempts", paramLabel = "N", defaultValue = "5",
      description = "PostgreSQL: tries per locking step before jobdb gives up, exit 5, nothing"
          + " changed (default: ${DEFAULT-VALUE}).")
  public int lockAttempts;

  @Option(names = "--rewrite-enum",
      description = "PostgreSQL, rollback of a native enum type: accept rewriting job_queue into a"
          + " new, narrower type (locks the table, writes included, for the whole rewrite).")
  public boolean rewriteEnum;

  public LockPolicy lockPolicy() {
    if (lockTimeoutMillis < 1 || lockTimeoutMillis > 60_000) {
      throw new JobdbException(ExitCode.USAGE, "--lock-timeout " + lockTimeoutMillis
          + ": must be 1 to 60000 milliseconds");
    }
    if (lockAttempts < 1) {
      throw new JobdbException(ExitCode.USAGE, "--lock-attempts " + lockAttempts
          + ": must be 1 or more");
    }
    return new LockPolicy(Duration.ofMillis(lockTimeoutMillis), lockAttempts,
        LockPolicy.DEFAULT.pause());
  }
}
