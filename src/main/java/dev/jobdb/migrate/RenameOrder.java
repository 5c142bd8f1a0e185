package dev.jobdb.migrate;

/** Which table changes its name during a rebuild; both run with {@code legacy_alter_table=ON}. */
public enum RenameOrder {
  /**
   * SQLite's documented procedure: create the new table under a temporary name, copy, drop the old
   * table, rename the new one. SQLite's RENAME rewrites the stored name as a quoted identifier:
   * {@code CREATE TABLE "job_queue" (...)}.
   */
  RENAME_NEW_INTO_PLACE,
  /**
   * Move the old table aside, create the new one under its own name, copy, drop the old one. The
   * stored CREATE TABLE text is exactly the new definition. Safe only with legacy_alter_table=ON
   * and foreign_keys=OFF, which together stop RENAME from rewriting references in views,
   * triggers and other tables' foreign keys to the moved-aside name.
   */
  MOVE_OLD_ASIDE
}
