package dev.jobdb.schema;

/**
 * The CREATE TABLE text cannot be rewritten safely (the column is missing, a CHECK mentions it in a
 * form jobdb cannot read, the constraint name is taken); the message says which and why.
 */
public class RewriteRefusedException extends RuntimeException {
  public RewriteRefusedException(String message) {
    super(message);
  }
}
