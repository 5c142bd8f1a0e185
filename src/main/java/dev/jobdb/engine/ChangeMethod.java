package dev.jobdb.engine;

/** How a constraint change went; JSON writes it as {@code in_place} or {@code rebuilt}. */
public enum ChangeMethod {
  /** The CHECK was exchanged in the stored definition; no row was rewritten. */
  IN_PLACE,
  /** The table was rebuilt (SQLite's 12-step procedure): every row copied into a new table. */
  REBUILT,
  /**
   * Changed while the app writes: a new constraint added unchecked, validated, then swapped in
   * (or enum values added).
   */
  ONLINE
}
