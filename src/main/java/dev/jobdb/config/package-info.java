/**
 * Every setting and where it came from: flag, environment, {@code .env} file or default, resolved
 * by one precedence rule in one place ({@link dev.jobdb.config.Settings}) for the database, the
 * app's enum and the changelog folder, with the origin text every command prints.
 *
 * <p>Uses nothing else of jobdb but the exit-code table and {@code appenum}, which reads the
 * enum's Python file; every package may use it.
 */
package dev.jobdb.config;
