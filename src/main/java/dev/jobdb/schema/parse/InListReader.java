package dev.jobdb.schema.parse;

import dev.jobdb.schema.parse.SqlToken.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CHECK expression as {@code column IN (literal, ...)}. Anything else that mentions the
 * column (NOT IN, OR chains, a NULL in the list, extra conditions) is {@link
 * StatusCheck.Form#OTHER}: reported, never ignored.
 */
public final class InListReader {
  private InListReader() {}

  static StatusCheck read(CheckConstraint check, String column, CreateTable table) {
    List<String> values = inListValues(check.expressionTokens(), column, table);
    return new StatusCheck(
        check.name(),
        check.columnLevel(),
        check.declaredOn(),
        values == null ? StatusCheck.Form.OTHER : StatusCheck.Form.IN_LIST,
        values == null ? List.of() : values,
        check.expression(),
        check.start(),
        check.end());
  }

  /** The IN list's values, or null when the expression is not exactly {@code column IN (...)}. */
  private static List<String> inListValues(List<SqlToken> expr, String column, CreateTable table) {
    List<SqlToken> tokens = unwrap(expr);
    int i = 0;
    if (tokens.size() > 2 && tokens.get(1).isOperator(".")) {
      if (!tokens.get(0).names(table.name())) {
        return null;
      }
      i = 2;
    }
    if (tokens.size() < i + 4
        || !tokens.get(i).names(column)
        || !tokens.get(i + 1).isKeyword("IN")
        || !tokens.get(i + 2).isOperator("(")
        || !tokens.get(tokens.size() - 1).isOperator(")")) {
      return null;
    }
    List<SqlToken> list = tokens.subList(i + 3, tokens.size() - 1);
    List<String> values = new ArrayList<>();
    for (int k = 0; k < list.size(); k++) {
      SqlToken t = list.get(k);
      if (k % 2 == 1) {
        if (!t.isOperator(",") || k == list.size() - 1) {
          return null;
        }
        continue;
      }
      String value = literal(t, table);
      if (value == null) {
        return null;
      }
      values.add(value);
    }
    return values;
  }

  /**
   * A literal's value as SQLite compares it with a TEXT column. A {@code "double-quoted"} word is
   * an identifier, but SQLite reads it as a string when no column has that name.
   */
  private static String literal(SqlToken t, CreateTable table) {
    if (t.type() == Type.STRING) {
      return t.value();
    }
    if (t.type() == Type.NUMBER && t.text().chars().allMatch(Character::isDigit)) {
      return t.text();
    }
    if (t.type() == Type.QUOTED_IDENTIFIER
        && t.text().startsWith("\"")
        && table.column(t.value()).isEmpty()) {
      return t.value();
    }
    return null;
  }

  /** Removes parentheses that wrap the whole expression: {@code ((x IN (...)))}. */
  private static List<SqlToken> unwrap(List<SqlToken> expr) {
    List<SqlToken> tokens = expr;
    while (tokens.size() >= 2
        && tokens.get(0).isOperator("(")
        && closingParen(tokens) == tokens.size() - 1) {
      tokens = tokens.subList(1, tokens.size() - 1);
    }
    return tokens;
  }

  private static int closingParen(List<SqlToken> tokens) {
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).isOperator("(")) {
        depth++;
      } else if (tokens.get(i).isOperator(")")) {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }
}
