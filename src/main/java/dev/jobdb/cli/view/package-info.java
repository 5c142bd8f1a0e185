/**
 * The views: each result record rendered as text for a person or as one JSON document (Jackson),
 * the version report and the error document printed with {@code --json}.
 *
 * <p>Takes records from the services and writers from the commands; uses {@code cli.options} for
 * the output mode, never the commands themselves.
 */
package dev.jobdb.cli.view;
