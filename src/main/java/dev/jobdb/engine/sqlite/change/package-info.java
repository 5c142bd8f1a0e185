/**
 * Part of the SQLite engine: the ways to change job_queue's status constraint, each with its plan
 * and its verification before commit: in place, no row rewritten ({@link InPlaceConstraintChange}),
 * and the rebuild that follows SQLite's documented procedure
 * ({@link TableRebuilder}); {@link StatusConstraintChanger}
 * chooses between them.
 *
 * <p>Works on a connection inside the caller's transaction and never commits. May use
 * {@code schema} and {@code db}; usable without Liquibase (it imports none).
 */
package dev.jobdb.engine.sqlite.change;
