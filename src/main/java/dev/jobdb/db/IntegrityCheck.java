package dev.jobdb.db;

/** How the rebuilt table is checked before the caller commits. */
public enum IntegrityCheck {
  /** {@code PRAGMA integrity_check(table)}: also proves every index entry matches its row. */
  FULL("integrity_check"),
  /**
   * {@code PRAGMA quick_check(table)}: b-tree structure, CHECK and NOT NULL constraints, without
   * matching index entries to rows (the indexes were built from those rows moments ago).
   */
  QUICK("quick_check");

  private final String pragma;

  IntegrityCheck(String pragma) {
    this.pragma = pragma;
  }

  public String pragma() {
    return pragma;
  }
}
