package dev.jobdb.schema;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** TEMPORARY stand-in until the tokenizer-based parser lands. */
public final class StatusCheckRewriter {
  private StatusCheckRewriter() {}

  public static String rewrite(String sql, String column, List<String> values, String name) {
    String list = String.join(", ", values.stream().map(v -> "'" + v + "'").toList());
    return sql.replaceFirst("CHECK \\(status IN \\([^)]*\\)\\)",
        "CONSTRAINT " + name + " CHECK (status IN (" + list + "))");
  }

  public static Optional<Set<String>> allowedValues(String sql, String column) {
    var m = java.util.regex.Pattern.compile("status IN \\(([^)]*)\\)").matcher(sql);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(Set.copyOf(java.util.Arrays.stream(m.group(1).split(","))
        .map(s -> s.strip().replace("'", "")).toList()));
  }
}
