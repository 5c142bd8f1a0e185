package dev.jobdb.db;

/** How the rebuilt table is checked before the caller commits. */
public enum IntegrityCheck {
  /** {@code PRAGMA integrity_check(table)}: also proves every index entry matches its row. */
  FULL("integrity_check"),
  /**
   * {@code PRAGMA quick_check(table)}: b-tree structure, CHECK and NOT NULL constraints, without
   * matching index entries to rows (the indexes were built from those rows moments ago).
   */
  QUICK("quick_check"),
  /**
   * Every page of the table and of each of its indexes read through SQLite's {@code dbstat}
   * (each page reached from its b-tree's root and decoded; a page that does not decode as a
   * b-tree page counts no cells), the table's rows and each index's entries counted from those
   * pages, and compared with the rows copied. About
   * a quarter of quick_check's time: it does not evaluate CHECK and NOT NULL row by row, which the
   * copy's INSERT enforced as long as {@code ignore_check_constraints} is off (the rebuild checks
   * it is, and runs quick_check when it is not).
   */
  PAGES("pages and index entries");

  private final String description;

  IntegrityCheck(String description) {
    this.description = description;
  }

  /** The pragma's name, or what is checked. */
  public String pragma() {
    return description;
  }
}
