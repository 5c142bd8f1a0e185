package dev.jobdb.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The status enum jobdb checks against: the app's own class read from its Python file, or jobdb's
 * built-in copy.
 *
 * @param source which rule chose it ({@link PathSource#DEFAULT}: the built-in copy)
 * @param path the Python file; null for the built-in copy
 * @param className the enum class
 * @param values the members' values in the enum's order
 * @param origin human words for the source, e.g. {@code JOBDB_ENUM in /srv/app/.env, line 2}
 */
public record StatusEnum(
    PathSource source, Path path, String className, List<String> values, String origin) {
  /** The app's JobStatus as jobdb was built with it: 9 values, in the app's order. */
  public static final List<String> BUILT_IN_VALUES = List.of("pending", "running", "completed",
      "failed", "cancelled", "timeout", "retrying", "dead_letter", "zombie");

  public StatusEnum {
    values = List.copyOf(values);
  }

  public static StatusEnum builtIn(String origin) {
    return new StatusEnum(PathSource.DEFAULT, null, EnumLocation.DEFAULT_CLASS, BUILT_IN_VALUES,
        origin);
  }

  public boolean isBuiltIn() {
    return path == null;
  }

  public boolean contains(String value) {
    return values.contains(value);
  }

  /**
   * What every command prints after the database line, e.g. {@code JobStatus in
   * /srv/app/services/job_types.py (JOBDB_ENUM in /srv/app/.env, line 2): 9 values}.
   */
  public String describe() {
    return isBuiltIn()
        ? "built-in copy of " + className + " (" + values.size() + " values); set JOBDB_ENUM to"
            + " follow the app's code"
        : className + " in " + path + " (" + origin + "): " + values.size() + " values";
  }
}
