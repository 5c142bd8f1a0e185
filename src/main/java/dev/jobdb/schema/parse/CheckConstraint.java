package dev.jobdb.schema.parse;

import java.util.List;

/**
 * A CHECK constraint found in CREATE TABLE.
 *
 * @param name the name given with {@code CONSTRAINT name}, or null when unnamed
 * @param declaredOn the column whose definition holds it, or null for a table constraint
 * @param start offset of the clause, including a {@code CONSTRAINT name} prefix
 * @param end offset just after the closing parenthesis
 * @param expression the text between CHECK's parentheses, as written
 * @param expressionTokens the tokens of {@code expression}
 */
public record CheckConstraint(
    String name,
    String declaredOn,
    int start,
    int end,
    String expression,
    List<SqlToken> expressionTokens) {
  public CheckConstraint {
    expressionTokens = List.copyOf(expressionTokens);
  }

  public boolean columnLevel() {
    return declaredOn != null;
  }

  /** True when the expression refers to {@code column}, however it is quoted or qualified. */
  public boolean mentions(String column) {
    return expressionTokens.stream().anyMatch(t -> t.names(column));
  }
}
