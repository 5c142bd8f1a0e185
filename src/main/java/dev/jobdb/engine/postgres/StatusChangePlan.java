package dev.jobdb.engine.postgres;

import java.util.List;
import java.util.Map;

/**
 * What a change to job_queue.status must do.
 *
 * @param command {@code migrate up} or {@code rollback}
 * @param values the statuses the column must accept afterwards, in order
 * @param widenOnly true for migrate up: a column that accepts every value already is left alone
 * @param remap for a narrowing: status to move each rejected status to ({@code --remap})
 * @param rewriteEnum the user accepted the table rewrite that narrowing a native enum costs
 */
public record StatusChangePlan(
    String command,
    List<String> values,
    boolean widenOnly,
    Map<String, String> remap,
    boolean rewriteEnum) {
  public StatusChangePlan {
    values = List.copyOf(values);
    remap = Map.copyOf(remap);
  }
}
