/**
 * The thin Liquibase custom changes and preconditions that the changelogs name. Each reads its
 * parameters, asks {@code change} or {@code schema} to do the work, and reports to the run's
 * {@link dev.jobdb.run.RunContext}.
 *
 * <p>The package keeps the name {@code dev.jobdb.migrate.changes} on purpose: the changelogs name
 * these classes, and a custom change's class name is part of the changeset checksum that every
 * migrated database already records in DATABASECHANGELOG; moving them would fail Liquibase's
 * validation there. May use {@code run}, {@code change}, {@code schema} and {@code db}.
 */
package dev.jobdb.migrate.changes;
