package dev.jobdb.engine;

import java.time.Duration;

/**
 * How long jobdb may wait for a strong lock before letting the app's workers go first.
 *
 * @param lockTimeout {@code lock_timeout} for each statement that needs a strong lock: a worker
 *     queued behind jobdb's waiting ALTER waits at most this long
 * @param attempts how many times such a statement is tried before jobdb gives up (exit 5)
 * @param pause the wait between attempts (grows with each attempt)
 */
public record LockPolicy(Duration lockTimeout, int attempts, Duration pause) {
  public static final LockPolicy DEFAULT =
      new LockPolicy(Duration.ofSeconds(2), 5, Duration.ofMillis(500));

  public String lockTimeoutSql() {
    return "SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'";
  }
}
