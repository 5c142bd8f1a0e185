/**
 * One jobdb run: the OS lock beside the database, the single SQLite transaction that Liquibase runs
 * inside, Liquibase embedded (quiet, offline), the changelog history, and the services the commands
 * call ({@link dev.jobdb.run.ChangeService} for migrate up and rollback,
 * {@link dev.jobdb.run.StatusService}, {@link dev.jobdb.run.RestoreService}).
 *
 * <p>May use {@code snapshot}, {@code change}, {@code schema}, {@code db} and {@code config};
 * never {@code cli} or picocli.
 */
package dev.jobdb.run;
