package dev.jobdb.schema.parse;

import java.util.List;

/**
 * A CHECK constraint that constrains the status column, as jobdb read it.
 *
 * @param constraintName the name given with {@code CONSTRAINT name}, or null when unnamed
 * @param columnLevel true when written inside a column definition, false for a table constraint
 * @param declaredOn the column whose definition holds it; null for a table constraint
 * @param form whether jobdb could read it as {@code column IN (...)}
 * @param allowedValues the values of the IN list, in written order; empty unless {@link
 *     Form#IN_LIST}
 * @param expression the text between CHECK's parentheses, as written
 * @param start offset of the whole clause in the CREATE TABLE text, {@code CONSTRAINT name} prefix
 *     included
 * @param end offset just after the clause's closing parenthesis
 */
public record StatusCheck(
    String constraintName,
    boolean columnLevel,
    String declaredOn,
    Form form,
    List<String> allowedValues,
    String expression,
    int start,
    int end) {
  public enum Form {
    /** {@code status IN ('a', 'b', ...)}: the allowed values are known exactly. */
    IN_LIST,
    /** Mentions the column in another form; jobdb cannot list what it allows by reading it. */
    OTHER
  }

  public StatusCheck {
    allowedValues = List.copyOf(allowedValues);
  }

  public boolean isInList() {
    return form == Form.IN_LIST;
  }
}
