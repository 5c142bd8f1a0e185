package dev.jobdb.schema.parse;

import java.util.Locale;

/**
 * One token of SQLite SQL text, with its place in the original text ({@code text.substring(start,
 * end)} is exactly what was written, quotes included).
 */
public record SqlToken(Type type, String text, int start, int end) {
  public enum Type {
    /** A bare word: a keyword or an unquoted identifier. */
    WORD,
    /** {@code "name"}, {@code [name]} or {@code `name`}. */
    QUOTED_IDENTIFIER,
    /** {@code 'text'}, with {@code ''} for a quote inside. */
    STRING,
    /** {@code x'0A'}. */
    BLOB,
    NUMBER,
    /** {@code ?}, {@code ?1}, {@code :name}, {@code @name}, {@code $name}. */
    VARIABLE,
    /** Punctuation and operators: {@code ( ) , ; . || <= <> ...}. */
    OPERATOR
  }

  /**
   * True for the bare word {@code keyword}, in any case; a quoted identifier is never a keyword.
   */
  public boolean isKeyword(String keyword) {
    return type == Type.WORD && text.equalsIgnoreCase(keyword);
  }

  public boolean isOperator(String operator) {
    return type == Type.OPERATOR && text.equals(operator);
  }

  /** A name as SQLite reads it: a bare word or a quoted identifier, quotes removed. */
  public boolean isName() {
    return type == Type.WORD || type == Type.QUOTED_IDENTIFIER;
  }

  /** True when this token names {@code name} (SQLite compares identifiers without case). */
  public boolean names(String name) {
    return isName() && value().equalsIgnoreCase(name);
  }

  /**
   * The token's value without its quotes: {@code "a""b"} is {@code a"b}, {@code 'it''s'} is {@code
   * it's}, {@code [x]} is {@code x}; other tokens are returned as written.
   */
  public String value() {
    switch (type) {
      case STRING:
        return unquote('\'');
      case QUOTED_IDENTIFIER:
        char open = text.charAt(0);
        if (open == '[') {
          return text.substring(1, text.length() - 1);
        }
        return unquote(open);
      default:
        return text;
    }
  }

  /** The keyword in upper case, for switch statements; only meaningful for {@link Type#WORD}. */
  public String upper() {
    return text.toUpperCase(Locale.ROOT);
  }

  private String unquote(char quote) {
    String doubled = String.valueOf(quote) + quote;
    return text.substring(1, text.length() - 1).replace(doubled, String.valueOf(quote));
  }
}
