package dev.jobdb.engine.postgres;

/**
 * One step of an online change, as it ran.
 *
 * @param name what it did, e.g. {@code add job_queue_status_check_new NOT VALID}
 * @param sql the statements, as run
 * @param millis how long it took, lock waits and retries included
 * @param attempts how many tries it took (more than 1 when lock_timeout ran out)
 * @param strongLock true when it took a lock that blocks the app's writes (held only briefly)
 */
public record StepLog(String name, String sql, long millis, int attempts, boolean strongLock) {}
