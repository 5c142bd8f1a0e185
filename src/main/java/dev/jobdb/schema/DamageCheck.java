package dev.jobdb.schema;

/**
 * How hard verify-schema looks for damage before it trusts the file. Both refuse (exit 3) a file
 * that is not SQLite, whose header is impossible, which is shorter than its header says
 * (truncated), whose schema cannot be read, or whose status index or table edges cannot be read.
 */
public enum DamageCheck {
  /**
   * Reads only what the report needs: the 100-byte header, the schema, the status index (the
   * counts by status come from it) and the first and last pages of the table. Milliseconds at any
   * size; damage in table pages that are not read goes unseen.
   */
  FAST,
  /**
   * Also {@code PRAGMA quick_check(job_queue)}: every page and every row of the table and its
   * indexes, NOT NULL and CHECK constraints, key order. Reads the whole table (about 1-2 s per
   * million rows). Does not compare index entries with rows: that is integrity_check, which every
   * snapshot gets.
   */
  FULL
}
