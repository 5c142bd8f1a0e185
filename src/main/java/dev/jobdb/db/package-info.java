/**
 * SQLite access shared by inspection, changes and snapshots: opening the user's file with a clear
 * error, reading the live table as SQLite describes it ({@link dev.jobdb.db.LiveTable},
 * {@link dev.jobdb.db.TableChecks}, {@link dev.jobdb.db.JobCounts}), quoting SQL, and running
 * literal SQL that is recorded ({@link dev.jobdb.db.SqlRunner}).
 *
 * <p>May use {@code config}. Knows nothing of Liquibase or of how a table is changed.
 */
package dev.jobdb.db;
