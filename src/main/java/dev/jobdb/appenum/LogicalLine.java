package dev.jobdb.appenum;

import java.util.List;

/**
 * One Python statement line: its tokens, however many physical lines it spans.
 *
 * @param line the physical line it starts on (1-based)
 * @param indent its indentation in columns (a tab advances to the next multiple of 8, as Python does)
 */
record LogicalLine(int line, int indent, List<PythonToken> tokens) {
  LogicalLine {
    tokens = List.copyOf(tokens);
  }

  PythonToken first() {
    return tokens.get(0);
  }

  /** The source of the statement as tokens, for messages: {@code RETRYING = compute ( "x" )}. */
  String text() {
    StringBuilder b = new StringBuilder();
    for (PythonToken t : tokens) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(t.text());
    }
    String s = b.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
