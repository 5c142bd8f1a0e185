package dev.jobdb.appenum;

import dev.jobdb.appenum.PythonToken.Kind;
import java.util.ArrayList;
import java.util.List;

/** Reading a statement's tokens: brackets, commas, dotted names, assignments. */
final class PythonTokens {
  private PythonTokens() {}

  static int closing(List<PythonToken> t, int open) {
    int depth = 0;
    for (int k = open; k < t.size(); k++) {
      String s = t.get(k).kind() == Kind.OPERATOR ? t.get(k).text() : "";
      if (s.equals("(") || s.equals("[") || s.equals("{")) {
        depth++;
      } else if (s.equals(")") || s.equals("]") || s.equals("}")) {
        depth--;
        if (depth == 0) {
          return k;
        }
      }
    }
    return -1;
  }

  /** Splits at top-level commas; a trailing comma adds nothing. */
  static List<List<PythonToken>> split(List<PythonToken> t) {
    List<List<PythonToken>> parts = new ArrayList<>();
    List<PythonToken> part = new ArrayList<>();
    int depth = 0;
    for (PythonToken token : t) {
      if (token.kind() == Kind.OPERATOR) {
        switch (token.text()) {
          case "(", "[", "{" -> depth++;
          case ")", "]", "}" -> depth--;
          default -> { }
        }
      }
      if (depth == 0 && token.isOperator(",")) {
        parts.add(part);
        part = new ArrayList<>();
      } else {
        part.add(token);
      }
    }
    if (!part.isEmpty()) {
      parts.add(part);
    }
    return parts;
  }

  /** {@code a.b.c} as its names, or null when the tokens are anything else. */
  static List<String> dotted(List<PythonToken> t) {
    if (t.isEmpty() || t.size() % 2 == 0) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (int k = 0; k < t.size(); k++) {
      PythonToken token = t.get(k);
      if (k % 2 == 0 ? token.kind() != Kind.NAME : !token.isOperator(".")) {
        return null;
      }
      if (k % 2 == 0) {
        names.add(token.text());
      }
    }
    return names;
  }

  static List<Integer> topLevelEquals(List<PythonToken> t) {
    List<Integer> at = new ArrayList<>();
    int depth = 0;
    for (int k = 0; k < t.size(); k++) {
      PythonToken token = t.get(k);
      if (token.kind() != Kind.OPERATOR) {
        continue;
      }
      switch (token.text()) {
        case "(", "[", "{" -> depth++;
        case ")", "]", "}" -> depth--;
        case "=" -> {
          if (depth == 0) {
            at.add(k);
          }
        }
        default -> { }
      }
    }
    return at;
  }

  /** {@code ("a" "b")} is the same value as {@code "a" "b"}. */
  static List<PythonToken> unwrap(List<PythonToken> t) {
    if (t.size() >= 2 && t.get(0).isOperator("(") && closing(t, 0) == t.size() - 1) {
      return t.subList(1, t.size() - 1);
    }
    return t;
  }

  static String text(List<PythonToken> t) {
    return String.join(" ", t.stream().map(PythonToken::text).toList());
  }
}
