package dev.jobdb.schema;

import dev.jobdb.schema.parse.StatusCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Combines every CHECK on status into what the database allows, judged against the enum. */
final class StatusConstraintReader {
  /** The constraint, and how each enum value fares against it. */
  record Result(
      StatusConstraint constraint,
      List<String> rejected,
      List<String> unverifiable,
      List<String> extraAllowed) {}

  private StatusConstraintReader() {}

  static Result read(
      List<StatusCheck> checks, CheckEvaluator evaluator, List<String> enumValues) {
    if (checks.isEmpty()) {
      return new Result(
          new StatusConstraint(StatusConstraint.State.NONE, checks, List.of()),
          List.of(),
          List.of(),
          List.of());
    }
    List<String> allowed = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    List<String> unverifiable = new ArrayList<>();
    for (String status : enumValues) {
      switch (verdict(checks, evaluator, status)) {
        case ALLOWED -> allowed.add(status);
        case REJECTED -> rejected.add(status);
        case UNKNOWN -> unverifiable.add(status);
      }
    }
    List<String> extra = new ArrayList<>();
    Optional<StatusCheck> firstList = checks.stream().filter(StatusCheck::isInList).findFirst();
    if (firstList.isPresent()) {
      for (String value : firstList.get().allowedValues()) {
        if (!enumValues.contains(value)
            && !extra.contains(value)
            && verdict(checks, evaluator, value) != Verdict.REJECTED) {
          extra.add(value);
        }
      }
    }
    boolean allLists = checks.stream().allMatch(StatusCheck::isInList);
    StatusConstraint.State state =
        allLists
            ? StatusConstraint.State.IN_LIST
            : unverifiable.isEmpty()
                ? StatusConstraint.State.EXPRESSION
                : StatusConstraint.State.UNREADABLE;
    List<String> allowedValues = new ArrayList<>();
    if (allLists) {
      firstList.get().allowedValues().stream()
          .filter(v -> verdict(checks, evaluator, v) == Verdict.ALLOWED)
          .distinct()
          .forEach(allowedValues::add);
    } else {
      allowedValues.addAll(allowed);
      allowedValues.addAll(extra);
    }
    return new Result(
        new StatusConstraint(state, checks, allowedValues), rejected, unverifiable, extra);
  }

  private enum Verdict {
    ALLOWED,
    REJECTED,
    UNKNOWN
  }

  /** A row must pass every CHECK: one certain rejection decides, else one unknown does. */
  private static Verdict verdict(List<StatusCheck> checks, CheckEvaluator evaluator, String value) {
    boolean unknown = false;
    for (StatusCheck check : checks) {
      Optional<Boolean> passes =
          check.isInList()
              ? Optional.of(check.allowedValues().contains(value))
              : evaluator.allows(check, value);
      if (passes.isEmpty()) {
        unknown = true;
      } else if (!passes.get()) {
        return Verdict.REJECTED;
      }
    }
    return unknown ? Verdict.UNKNOWN : Verdict.ALLOWED;
  }
}
