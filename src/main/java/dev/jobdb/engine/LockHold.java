package dev.jobdb.engine;

/**
 * One stretch of a run that held the database's write lock, from the moment the lock was held to
 * the end of its commit: the app's writers wait at most this long at a time.
 *
 * @param what what it did, e.g. {@code index idx_job_queue_status} or {@code the changesets}
 * @param millis how long the write lock was held
 */
public record LockHold(String what, long millis) {}
