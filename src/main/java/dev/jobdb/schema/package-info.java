/**
 * Reading job_queue: the SQL tokenizer, the CREATE TABLE parser, the status CHECK and the values
 * it accepts, the CHECK rewriter, and the drift report verify-schema prints.
 *
 * <p>May use {@code db} and {@code config}. Never writes to a database.
 */
package dev.jobdb.schema;
