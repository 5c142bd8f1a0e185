package dev.jobdb.changelog;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What closes the gap between the statuses the live CHECK accepts ({@code previous}, its order) and
 * the enum's ({@code next}, the enum's order): values added, values removed, values renamed.
 */
public record StatusChange(List<String> previous, List<String> next, Map<String, String> renames) {
  public StatusChange {
    previous = List.copyOf(previous);
    next = List.copyOf(next);
    renames = Map.copyOf(new LinkedHashMap<>(renames));
  }

  /**
   * @param renames {@code --rename FROM=TO}: FROM must be accepted now and gone from the enum, TO
   *     new in the enum
   */
  public static StatusChange between(
      List<String> live, List<String> enumValues, Map<String, String> renames) {
    for (Map.Entry<String, String> r : renames.entrySet()) {
      String pair = r.getKey() + "=" + r.getValue();
      if (!live.contains(r.getKey()) || enumValues.contains(r.getKey())) {
        throw new JobdbException(ExitCode.USAGE, "--rename " + pair + ": '" + r.getKey()
            + "' must be a status the database accepts and the enum no longer has; removed: "
            + describe(minus(live, enumValues)));
      }
      if (live.contains(r.getValue()) || !enumValues.contains(r.getValue())) {
        throw new JobdbException(ExitCode.USAGE, "--rename " + pair + ": '" + r.getValue()
            + "' must be a status new in the enum; added: " + describe(minus(enumValues, live)));
      }
    }
    return new StatusChange(live, enumValues, renames);
  }

  public boolean none() {
    return new HashSet<>(previous).equals(new HashSet<>(next));
  }

  /** Values the enum gained, renames' targets excluded. */
  public List<String> added() {
    List<String> added = minus(next, previous);
    added.removeAll(renames.values());
    return added;
  }

  /** Values the enum lost, renamed ones excluded. */
  public List<String> removed() {
    List<String> removed = minus(previous, next);
    removed.removeAll(renames.keySet());
    return removed;
  }

  /** Renames in the order of {@code previous}. */
  public Map<String, String> orderedRenames() {
    Map<String, String> ordered = new LinkedHashMap<>();
    previous.stream().filter(renames::containsKey).forEach(v -> ordered.put(v, renames.get(v)));
    return ordered;
  }

  /** e.g. {@code accepts-paused}, {@code drops-paused}, {@code renames-dead-letter-to-dlq}. */
  public String slug() {
    List<String> parts = new ArrayList<>();
    orderedRenames().forEach((from, to) -> parts.add("renames-" + word(from) + "-to-" + word(to)));
    if (!added().isEmpty()) {
      parts.add("accepts-" + words(added()));
    }
    if (!removed().isEmpty()) {
      parts.add("drops-" + words(removed()));
    }
    return String.join("-", parts);
  }

  /** One line for the changeset's comment and the output. */
  public String summary() {
    List<String> parts = new ArrayList<>();
    if (!added().isEmpty()) {
      parts.add("also accepts " + String.join(", ", added()));
    }
    if (!removed().isEmpty()) {
      parts.add("no longer accepts " + String.join(", ", removed()));
    }
    orderedRenames().forEach((from, to) -> parts.add("renames " + from + " to " + to
        + " (rows move with it)"));
    return String.join("; ", parts);
  }

  private static String words(List<String> values) {
    List<String> shown = values.stream().limit(3).map(StatusChange::word).toList();
    String joined = String.join("-", shown);
    return values.size() > 3 ? joined + "-and-" + (values.size() - 3) + "-more" : joined;
  }

  /** A status as a file-name word: lower case, [a-z0-9] runs joined by hyphens. */
  private static String word(String value) {
    String word = value.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-|-$", "");
    return word.isEmpty() ? "value" : word;
  }

  private static List<String> minus(List<String> a, List<String> b) {
    List<String> result = new ArrayList<>(a);
    result.removeAll(b);
    return result;
  }

  private static String describe(List<String> values) {
    return values.isEmpty() ? "none" : String.join(", ", values);
  }
}
