package dev.jobdb.schema;

import dev.jobdb.schema.parse.StatusCheck;

import java.util.List;

/**
 * What the CHECK constraints on the status column allow, taken together (a row must pass every
 * one).
 *
 * @param state how well jobdb knows the allowed set
 * @param checks every CHECK that mentions the status column, in text order
 * @param allowedValues the values known to pass every check: with {@link State#IN_LIST} exactly the
 *     IN lists' common values; otherwise the enum values that passed; empty for {@link
 *     State#NONE}, where every value is allowed
 */
public record StatusConstraint(State state, List<StatusCheck> checks, List<String> allowedValues) {
  public enum State {
    /** No CHECK mentions status: every value allowed. */
    NONE,
    /** Every CHECK is {@code status IN (...)}: the allowed values are known exactly. */
    IN_LIST,
    /** Some CHECK has another form; jobdb evaluated it in SQLite for every enum value. */
    EXPRESSION,
    /** Some CHECK could not be evaluated (it refers to other columns): some answers are unknown. */
    UNREADABLE
  }

  public StatusConstraint {
    checks = List.copyOf(checks);
    allowedValues = List.copyOf(allowedValues);
  }
}
