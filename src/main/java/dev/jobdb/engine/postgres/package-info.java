/**
 * The PostgreSQL engine: opening the server named by a {@link dev.jobdb.config.DatabaseUrl} with
 * one clear error line; job_queue read through the catalogs ({@link PgCatalog}: the status CHECKs
 * as PostgreSQL stores them, or a native enum type in its sort order); the drift report
 * ({@link PgSchemaInspector}); the status change run online inside its changeset
 * ({@link PgStatusChange}, {@link OnlineStatusChange}, {@link LockedSteps}: each step under
 * lock_timeout with bounded retry); snapshots of job_queue in COPY format ({@link PgSnapshots},
 * {@link PgRestore}); the advisory lock that lets one jobdb at a time work on a database.
 *
 * <p>Found through ServiceLoader ({@link PostgresKind}); may use {@code engine}, {@code schema},
 * {@code config} and the neutral records of {@code db} and {@code snapshot}. Knows nothing of
 * SQLite or picocli.
 */
package dev.jobdb.engine.postgres;
