/**
 * The command line: one class per command word, option mixins, the error handlers and the text
 * and JSON views of each result record.
 *
 * <p>The only package that uses picocli or writes to the terminal. Commands stay thin: resolve the
 * settings, call one service in {@code run} (or {@code schema} for verify-schema), render its
 * record. May use every other package; nothing uses it.
 */
package dev.jobdb.cli;
