package dev.jobdb.engine;

import java.util.List;

/**
 * What a status changeset asks: {@code column} of {@code table} accepts exactly {@code values}.
 *
 * @param changeSet the changeset's id, for the report
 * @param constraintName the name the constraint keeps, so a later change finds it
 * @param adopted the changeset was recorded as adopted (the app had made the change itself)
 */
public record StatusChange(String changeSet, String table, String column, List<String> values,
    String constraintName, boolean adopted) {
  public StatusChange {
    values = List.copyOf(values);
  }
}
