/**
 * The option mixins the commands share (database, enum, changelog, output, change, remap and the
 * PostgreSQL change options), each resolving its settings through {@code config}.
 *
 * <p>Uses picocli and {@code config}; knows neither the commands nor the views.
 */
package dev.jobdb.cli.options;
