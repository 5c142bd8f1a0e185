/**
 * jobdb: keeps the {@code job_queue} table of a SQLite job-queue database in step with the app.
 *
 * <p>A run flows through the packages in this order: {@code config} (which database, and why) ->
 * {@code schema} (what job_queue is and how it drifts) -> {@code snapshot} (a copy first) ->
 * {@code change} (the status constraint changed, then verified) -> {@code run} (one transaction,
 * Liquibase's history, the lock) -> {@code cli} (text or JSON). This package holds only
 * {@link dev.jobdb.Main} (the only {@code System.exit}), the exit-code table and the exception that
 * carries one.
 */
package dev.jobdb;
