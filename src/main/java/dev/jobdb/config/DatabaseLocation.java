package dev.jobdb.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The database file a command works on, and why that one.
 *
 * @param path absolute, normalized path
 * @param source which rule chose it
 * @param origin human words for the source, e.g. {@code DB_PATH in /srv/app/.env, line 3}
 * @param warnings where another reader of the app's .env would open another file, or the file
 *     says something the app reads differently than it looks; empty when all agree
 */
public record DatabaseLocation(Path path, PathSource source, String origin, List<String> warnings)
    implements DatabaseTarget {
  public DatabaseLocation {
    warnings = List.copyOf(warnings);
  }

  public DatabaseLocation(Path path, PathSource source, String origin) {
    this(path, source, origin, List.of());
  }

  public String describe() {
    return path + " (" + origin + ")";
  }
}
