/**
 * Snapshots of job_queue on PostgreSQL without a server-side file and without adding tables to the
 * user's schema: the rows ({@code COPY ... TO STDOUT} through the driver's CopyManager) and the
 * definition, read in one REPEATABLE READ transaction into a local file; restore puts them back in
 * one transaction (sequence value included) and checks the counts per status before committing.
 *
 * <p>May use {@code pg} and {@code config}. No Liquibase, no SQLite.
 */
package dev.jobdb.pg.snapshot;
