/**
 * Every setting and where it came from: flag, environment, {@code .env} file or default, resolved
 * by one precedence rule in one place ({@link dev.jobdb.config.Settings}) for the database, the
 * app's enum and the changelog folder, with the origin text every command prints.
 *
 * <p>The {@code .env} file is read by jobdb's own code, not by a dotenv library, because the rule
 * that matters is the app's, not a library's: {@code DB_PATH} is taken exactly as the app's job
 * queue takes it ({@link dev.jobdb.config.AppDbPath}: first line starting with {@code DB_PATH=},
 * quotes and {@code #} kept, byte-order marks stripped), and jobdb warns where the app's other
 * reader ({@code database.py}) would open another file. dotenv-java 3.2, used before, refused
 * lines the app skips ({@code export PYTHONPATH=.}), silently dropped the first key of a file
 * with a byte-order mark, and kept the last of two {@code DB_PATH} lines where the job queue
 * keeps the first. jobdb's own keys ({@code JOBDB_ENUM}, {@code JOBDB_CHANGELOG},
 * {@code DATABASE_URL}) are read leniently from the same lines: {@code export}, quotes and
 * trailing comments are taken off, anything unrecognised is skipped.
 *
 * <p>Uses nothing else of jobdb but the exit-code table and {@code appenum}, which reads the
 * enum's Python file; every package may use it.
 */
package dev.jobdb.config;
