package dev.jobdb.schema;

import dev.jobdb.schema.parse.StatusCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The values a table's CHECKs on a column accept, read from its stored CREATE TABLE text. */
public final class LiveStatusCheck {
  private LiveStatusCheck() {}

  /**
   * @return empty when no CHECK mentions the column (every value accepted); otherwise the values
   *     every IN-list CHECK accepts, in the first list's order. A CHECK in another form accepts
   *     nothing jobdb can list, so a changeset that needs a known list will still run (and its
   *     rewrite refuses with a clear message).
   */
  public static Optional<List<String>> allowedValues(String createTableSql, String column) {
    List<StatusCheck> checks = StatusCheckRewriter.find(createTableSql, column);
    if (checks.isEmpty()) {
      return Optional.empty();
    }
    List<String> allowed = new ArrayList<>(checks.get(0).allowedValues());
    for (StatusCheck check : checks) {
      allowed.retainAll(check.isInList() ? check.allowedValues() : List.of());
    }
    return Optional.of(allowed);
  }
}
