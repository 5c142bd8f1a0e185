package dev.jobdb.run;

import dev.jobdb.config.ChangelogLocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import liquibase.change.Change;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.changelog.ChangeSet;

/**
 * The changesets of a changelog that set the statuses job_queue.status accepts (a custom change
 * with {@code allowedValues}), with the set each one's rollback returns to. On a database without
 * a recorded history (PostgreSQL today) they tell what a rollback means: undo the changeset whose
 * set the live constraint holds.
 */
public final class StatusChangesets {
  private static final String VALUES = "allowedValues";

  /** One changeset: its id, the set it makes the column accept, the set its rollback restores. */
  record Step(String id, List<String> values, List<String> rollbackValues) {}

  private StatusChangesets() {}

  /**
   * For a live set of accepted statuses: the set the rollback of the last changeset that made it
   * returns to; the live set itself when it is the set before the first such changeset (nothing to
   * undo); empty when no changeset of the changelog explains it.
   */
  public static Function<List<String>, Optional<List<String>>> rollbackTarget(
      ChangelogLocation changelog) {
    List<Step> steps = read(changelog);
    return live -> {
      for (int i = steps.size() - 1; i >= 0; i--) {
        Step step = steps.get(i);
        if (new HashSet<>(step.values()).equals(new HashSet<>(live))) {
          return Optional.of(step.rollbackValues());
        }
      }
      boolean beforeAnyStep = !steps.isEmpty()
          && new HashSet<>(steps.get(0).rollbackValues()).equals(new HashSet<>(live));
      return beforeAnyStep ? Optional.of(live) : Optional.empty(); // nothing left to undo
    };
  }

  static List<Step> read(ChangelogLocation changelog) {
    List<Step> steps = new ArrayList<>();
    for (ChangeSet changeSet : LiquibaseRunner.changelog(changelog).getChangeSets()) {
      Optional<List<String>> values = allowedValues(changeSet.getChanges());
      Optional<List<String>> rollback = allowedValues(changeSet.getRollback().getChanges());
      if (values.isPresent() && rollback.isPresent()) {
        steps.add(new Step(changeSet.getId(), values.get(), rollback.get()));
      }
    }
    return steps;
  }

  private static Optional<List<String>> allowedValues(List<Change> changes) {
    for (Change change : changes) {
      if (change instanceof CustomChangeWrapper custom && custom.getParamValue(VALUES) != null) {
        return Optional.of(Arrays.stream(custom.getParamValue(VALUES).split(","))
            .map(String::strip).filter(v -> !v.isEmpty()).toList());
      }
    }
    return Optional.empty();
  }
}
