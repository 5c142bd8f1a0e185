package dev.jobdb.schema.parse;

/** SQL text jobdb cannot read; the offset points at the trouble in the original text. */
public class SqlParseException extends RuntimeException {
  private final int offset;

  public SqlParseException(String message, int offset) {
    super(message + " (at character " + offset + ")");
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}
