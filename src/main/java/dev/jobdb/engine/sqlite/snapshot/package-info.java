/**
 * Part of the SQLite engine: snapshots of the user's database taken before a change: a consistent copy, verified, renamed
 * into place atomically, and the reads that list them.
 *
 * <p>May use {@code db} and {@code config}. Imports no Liquibase.
 */
package dev.jobdb.engine.sqlite.snapshot;
