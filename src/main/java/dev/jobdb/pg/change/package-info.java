/**
 * migrate up and rollback on PostgreSQL: the status constraint changed online, without queueing
 * the app's workers behind jobdb. A CHECK is replaced in three short transactions (ADD ... NOT VALID,
 * VALIDATE, then DROP old + RENAME new); a native enum type gains values with ALTER TYPE ... ADD
 * VALUE; every statement that needs a strong lock runs under {@code lock_timeout} with a bounded
 * retry ({@link dev.jobdb.pg.change.LockPolicy}); one jobdb at a time through an advisory lock
 * ({@link dev.jobdb.pg.AdvisoryLock}); a snapshot first, and restore
 * ({@link dev.jobdb.pg.change.PgRestoreService}).
 *
 * <p>May use {@code pg}, {@code pg.snapshot}, {@code schema} and {@code config}. No Liquibase, no
 * SQLite.
 */
package dev.jobdb.pg.change;
