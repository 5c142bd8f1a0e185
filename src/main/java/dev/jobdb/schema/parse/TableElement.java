package dev.jobdb.schema.parse;

import java.util.List;

/**
 * One comma-separated entry between CREATE TABLE's parentheses: a column definition or a table
 * constraint.
 *
 * @param start offset of the entry's first token
 * @param end offset just after its last token
 */
public record TableElement(Kind kind, List<SqlToken> tokens, int start, int end) {
  public enum Kind {
    COLUMN,
    TABLE_CONSTRAINT
  }

  public TableElement {
    tokens = List.copyOf(tokens);
  }
}
