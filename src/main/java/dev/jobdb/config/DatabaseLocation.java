package dev.jobdb.config;

import java.nio.file.Path;

/**
 * The database file a command works on, and why that one.
 *
 * @param path absolute, normalized path
 * @param source which rule chose it
 * @param origin human words for the source, e.g. {@code DB_PATH in /srv/app/.env, line 3}
 */
public record DatabaseLocation(Path path, PathSource source, String origin) {
  public String describe() {
    return path + " (" + origin + ")";
  }
}
