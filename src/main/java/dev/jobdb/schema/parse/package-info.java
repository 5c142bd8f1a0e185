/**
 * Reading the stored CREATE TABLE text: a tokenizer that knows SQLite's literals, quoted
 * identifiers and comments, the CREATE TABLE parser, and the CHECKs on a column with the values an
 * IN list allows.
 *
 * <p>Pure text in, records out: uses nothing else of jobdb and never opens a database.
 */
package dev.jobdb.schema.parse;
