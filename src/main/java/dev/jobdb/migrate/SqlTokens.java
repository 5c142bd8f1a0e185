package dev.jobdb.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into SQLite's tokens, knowing its string literals, quoted identifiers and
 * comments, so that a keyword inside a literal or a comment is never mistaken for one in the code.
 */
final class SqlTokens {
  enum Kind {
    /** A bare word: keyword or unquoted identifier. */
    WORD,
    /** {@code "x"}, {@code `x`} or {@code [x]}. */
    QUOTED_IDENTIFIER,
    /** {@code 'x'}. */
    STRING,
    NUMBER,
    /** Any other single character, e.g. {@code ( ) , . ;}. */
    PUNCTUATION
  }

  /** One token: its kind and where it sits in the text ({@code end} exclusive). */
  record Token(Kind kind, int start, int end, String text) {
    boolean isWord(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isPunctuation(char c) {
      return kind == Kind.PUNCTUATION && text.charAt(0) == c;
    }

    /** The identifier this token names, unquoted. */
    String identifier() {
      return switch (kind) {
        case WORD -> text;
        case QUOTED_IDENTIFIER, STRING -> unquote(text);
        default -> throw new IllegalStateException("not an identifier: " + text);
      };
    }

    boolean isName() {
      return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER || kind == Kind.STRING;
    }
  }

  private SqlTokens() {}

  static List<Token> of(String sql) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (c == '\'' || c == '"' || c == '`') {
        int end = endOfQuoted(sql, i, c);
        Kind kind = c == '\'' ? Kind.STRING : Kind.QUOTED_IDENTIFIER;
        tokens.add(new Token(kind, i, end, sql.substring(i, end)));
        i = end;
      } else if (c == '[') {
        int close = sql.indexOf(']', i + 1);
        int end = close < 0 ? n : close + 1;
        tokens.add(new Token(Kind.QUOTED_IDENTIFIER, i, end, sql.substring(i, end)));
        i = end;
      } else if (isIdentifierStart(c)) {
        int end = i + 1;
        while (end < n && isIdentifierPart(sql.charAt(end))) {
          end++;
        }
        tokens.add(new Token(Kind.WORD, i, end, sql.substring(i, end)));
        i = end;
      } else if (Character.isDigit(c)) {
        int end = i + 1;
        while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
          end++;
        }
        tokens.add(new Token(Kind.NUMBER, i, end, sql.substring(i, end)));
        i = end;
      } else {
        tokens.add(new Token(Kind.PUNCTUATION, i, i + 1, String.valueOf(c)));
        i++;
      }
    }
    return tokens;
  }

  /** {@code name} as a double-quoted SQL identifier. */
  static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code value} as a single-quoted SQL string literal. */
  static String quoteLiteral(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }

  /** SQLite compares identifiers case-insensitively, folding ASCII letters only. */
  static boolean sameIdentifier(String a, String b) {
    return a.length() == b.length() && asciiLower(a).equals(asciiLower(b));
  }

  private static String asciiLower(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return b.toString();
  }

  static String upper(String word) {
    return word.toUpperCase(Locale.ROOT);
  }

  private static int endOfQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2; // doubled quote: an escaped quote character
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  private static String unquote(String quoted) {
    char open = quoted.charAt(0);
    if (open == '[') {
      return quoted.substring(1, quoted.length() - 1);
    }
    String inner = quoted.substring(1, quoted.length() - 1);
    String q = String.valueOf(open);
    return inner.replace(q + q, q);
  }

  private static boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_' || c >= 0x80;
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || Character.isDigit(c) || c == '$';
  }
}
