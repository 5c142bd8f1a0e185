/**
 * Every setting and where it came from: flag, environment, {@code .env} file or default, resolved
 * by one precedence rule, with the origin text every command prints.
 *
 * <p>Uses nothing else of jobdb but the exit-code table; every package may use it.
 */
package dev.jobdb.config;
