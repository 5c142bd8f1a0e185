package dev.jobdb.engine;

import java.util.List;

/**
 * One change of a column's CHECK, as the output and the JSON report it.
 *
 * @param changeSet the changeset that made it (or undid it, in a rollback)
 * @param allowedValues what the column accepts afterwards
 * @param method in place or rebuilt
 * @param reason why it was rebuilt ({@code --rebuild}, or why in place was impossible); null
 *     when it went in place
 * @param rows rows in the table, all kept; null when the change read no row (in place, every row
 *     already held one of the new values)
 * @param millis from the first statement to the end of the verification
 * @param summary one line for the text view
 */
public record ConstraintChange(
    String changeSet,
    String table,
    String column,
    List<String> allowedValues,
    ChangeMethod method,
    String reason,
    Long rows,
    long millis,
    String summary) {
  public ConstraintChange {
    allowedValues = List.copyOf(allowedValues);
  }
}
