/**
 * Reads the app's enum class from its Python file statically: a strict tokenizer and a reader of
 * one class's members ({@link dev.jobdb.appenum.PythonEnumReader}). The app's code is never run;
 * whatever cannot be read with certainty is refused with its line
 * ({@link dev.jobdb.appenum.EnumFileException}).
 *
 * <p>Uses nothing else of jobdb; {@code config} turns its result into the setting every command
 * uses.
 */
package dev.jobdb.appenum;
