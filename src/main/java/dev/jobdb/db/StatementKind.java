package dev.jobdb.db;

/** Why the rebuilder ran a statement; a dry run shows the {@link #CHANGE} ones. */
public enum StatementKind {
  /** Takes the write lock before anything is read, so every read sees the state that is changed. */
  LOCK,
  /** Reads the live schema and the values the change must keep. */
  INSPECT,
  /** Changes the database. */
  CHANGE,
  /** Checks the result before the caller commits. */
  VERIFY
}
