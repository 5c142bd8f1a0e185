/**
 * The SQLite engine: a database file, found through ServiceLoader ({@link SqliteKind}). The run is
 * one transaction ({@link RunTransaction}: Liquibase's commits only move a savepoint, index
 * changesets commit on their own), under jobdb's OS file lock ({@link RunLock}), after a free-space
 * check ({@link FreeSpaceCheck}) and a rehearsal of the Liquibase work on an empty in-memory copy
 * ({@link LiquibaseWarmUp}); the status change in place or by rebuild ({@link SqliteStatusChange},
 * driving {@code engine.sqlite.change}); the page-copy snapshot and its restore
 * ({@link SqliteRestore}, driving {@code engine.sqlite.snapshot}).
 *
 * <p>May use {@code engine}, {@code schema}, {@code db}, {@code config} and sqlite-jdbc; nothing
 * above the engines names it.
 */
package dev.jobdb.engine.sqlite;
