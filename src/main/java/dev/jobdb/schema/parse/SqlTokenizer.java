package dev.jobdb.schema.parse;

import dev.jobdb.schema.parse.SqlToken.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQLite SQL text into tokens the way SQLite's own tokenizer does (tokenize.c): string
 * literals with {@code ''} escapes, the three identifier quotes, both comment styles, numbers with
 * {@code _} separators and hex. Whitespace and comments are dropped; every token keeps its offsets,
 * so callers can edit the original text around it byte for byte.
 */
public final class SqlTokenizer {
  private final String sql;
  private int pos;

  private SqlTokenizer(String sql) {
    this.sql = sql;
  }

  public static List<SqlToken> tokenize(String sql) {
    return new SqlTokenizer(sql).all();
  }

  private List<SqlToken> all() {
    List<SqlToken> tokens = new ArrayList<>();
    while (true) {
      skipWhitespaceAndComments();
      if (pos >= sql.length()) {
        return tokens;
      }
      tokens.add(next());
    }
  }

  private void skipWhitespaceAndComments() {
    while (pos < sql.length()) {
      char c = sql.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        pos++;
      } else if (sql.startsWith("--", pos)) {
        int newline = sql.indexOf('\n', pos);
        pos = newline < 0 ? sql.length() : newline + 1;
      } else if (sql.startsWith("/*", pos)) {
        // SQLite accepts a block comment left open at the end of the text.
        int close = sql.indexOf("*/", pos + 2);
        pos = close < 0 ? sql.length() : close + 2;
      } else {
        return;
      }
    }
  }

  private SqlToken next() {
    int start = pos;
    char c = sql.charAt(pos);
    if ((c == 'x' || c == 'X') && pos + 1 < sql.length() && sql.charAt(pos + 1) == '\'') {
      pos++;
      quoted('\'', '\'', "blob literal");
      return token(Type.BLOB, start);
    }
    switch (c) {
      case '\'':
        quoted('\'', '\'', "string literal");
        return token(Type.STRING, start);
      case '"':
        quoted('"', '"', "quoted identifier");
        return token(Type.QUOTED_IDENTIFIER, start);
      case '`':
        quoted('`', '`', "quoted identifier");
        return token(Type.QUOTED_IDENTIFIER, start);
      case '[':
        bracketed();
        return token(Type.QUOTED_IDENTIFIER, start);
      case '?':
        pos++;
        while (pos < sql.length() && isDigit(sql.charAt(pos))) {
          pos++;
        }
        return token(Type.VARIABLE, start);
      case ':':
      case '@':
      case '$':
        pos++;
        while (pos < sql.length() && isIdentifierPart(sql.charAt(pos))) {
          pos++;
        }
        return token(Type.VARIABLE, start);
      default:
        break;
    }
    if (isDigit(c) || (c == '.' && pos + 1 < sql.length() && isDigit(sql.charAt(pos + 1)))) {
      number();
      return token(Type.NUMBER, start);
    }
    if (isIdentifierStart(c)) {
      while (pos < sql.length() && isIdentifierPart(sql.charAt(pos))) {
        pos++;
      }
      return token(Type.WORD, start);
    }
    operator();
    return token(Type.OPERATOR, start);
  }

  /** A quoted run where a doubled closing quote stands for one quote character. */
  private void quoted(char open, char close, String what) {
    int start = pos;
    pos++;
    while (pos < sql.length()) {
      if (sql.charAt(pos) == close) {
        if (pos + 1 < sql.length() && sql.charAt(pos + 1) == close) {
          pos += 2;
          continue;
        }
        pos++;
        return;
      }
      pos++;
    }
    throw new SqlParseException("unterminated " + what + " starting with " + open, start);
  }

  /** {@code [name]}: no escapes, the first {@code ]} ends it. */
  private void bracketed() {
    int close = sql.indexOf(']', pos + 1);
    if (close < 0) {
      throw new SqlParseException("unterminated [identifier", pos);
    }
    pos = close + 1;
  }

  private void number() {
    if (sql.startsWith("0x", pos) || sql.startsWith("0X", pos)) {
      pos += 2;
      while (pos < sql.length() && (isHexDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
        pos++;
      }
      return;
    }
    digits();
    if (pos < sql.length() && sql.charAt(pos) == '.') {
      pos++;
      digits();
    }
    if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
      int mark = pos;
      pos++;
      if (pos < sql.length() && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < sql.length() && isDigit(sql.charAt(pos))) {
        digits();
      } else {
        pos = mark;
      }
    }
  }

  private void digits() {
    while (pos < sql.length() && (isDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
      pos++;
    }
  }

  private static final String[] TWO_CHAR_OPERATORS = {
    "||", "<=", ">=", "==", "!=", "<>", "<<", ">>"
  };

  private void operator() {
    if (sql.startsWith("->>", pos)) {
      pos += 3;
      return;
    }
    if (sql.startsWith("->", pos)) {
      pos += 2;
      return;
    }
    for (String op : TWO_CHAR_OPERATORS) {
      if (sql.startsWith(op, pos)) {
        pos += 2;
        return;
      }
    }
    char c = sql.charAt(pos);
    if ("(),;.+-*/%&|~<>=!".indexOf(c) < 0) {
      throw new SqlParseException("unexpected character '" + c + "'", pos);
    }
    pos++;
  }

  private SqlToken token(Type type, int start) {
    return new SqlToken(type, sql.substring(start, pos), start, pos);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || isDigit(c) || c == '$';
  }
}
