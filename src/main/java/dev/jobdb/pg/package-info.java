/**
 * PostgreSQL access shared by every PostgreSQL command: opening the server named by a
 * {@link dev.jobdb.config.DatabaseUrl} with one clear error line, reading job_queue through the
 * catalogs ({@link dev.jobdb.pg.PgCatalog}: the status CHECKs as PostgreSQL stores them, or a native
 * enum type in its sort order), and the drift report verify-schema prints
 * ({@link dev.jobdb.pg.PgSchemaInspector}, the same {@link dev.jobdb.schema.DriftReport} as SQLite),
 * and the advisory lock that lets one jobdb at a time work on a database.
 *
 * <p>May use {@code schema} (the report) and {@code config}. Knows nothing of SQLite,
 * Liquibase or picocli; never writes to job_queue.
 */
package dev.jobdb.pg;
