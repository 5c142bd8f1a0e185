/**
 * One jobdb run, whatever the database: Liquibase embedded (quiet, offline) on the connection the
 * engine opened, the changelog history, the run's context that the custom changes read, and the
 * services the commands call ({@link dev.jobdb.run.ChangeService} for migrate up and rollback,
 * {@link dev.jobdb.run.StatusService}, {@link dev.jobdb.run.RestoreService},
 * {@link dev.jobdb.run.SchemaService}). Each drives an {@link dev.jobdb.engine.Engine} and never
 * asks which kind of database it is.
 *
 * <p>May use {@code engine} (the interface, never an engine's own package), {@code snapshot}'s and
 * {@code db}'s records, {@code schema} and {@code config}; never {@code cli} or picocli.
 */
package dev.jobdb.run;
