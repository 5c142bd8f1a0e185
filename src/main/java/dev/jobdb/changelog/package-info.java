/**
 * The app's changelog folder as jobdb writes it: {@code jobdb migrate diff} compares the live
 * status constraint with the app's enum and writes the changeset that closes the gap (file,
 * include line in master.yaml), creating the folder from jobdb's built-in changesets when it does
 * not exist yet.
 *
 * <p>Writes files, never the database. May use {@code run} (to read what is applied and pending),
 * {@code schema}, {@code db} and {@code config}; never {@code cli} or picocli.
 */
package dev.jobdb.changelog;
