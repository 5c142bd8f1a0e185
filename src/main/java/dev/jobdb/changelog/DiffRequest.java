package dev.jobdb.changelog;

import dev.jobdb.config.ChangelogLocation;
import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.config.StatusEnum;
import java.time.Duration;
import java.util.Map;

/**
 * What {@code jobdb migrate diff} compares and where it writes.
 *
 * @param renames {@code --rename FROM=TO}: values the enum renamed, so their rows move
 * @param dryRun print the changeset instead of writing it
 */
public record DiffRequest(
    DatabaseLocation database,
    StatusEnum statusEnum,
    ChangelogLocation changelog,
    Map<String, String> renames,
    boolean dryRun,
    Duration busyTimeout) {
  public DiffRequest {
    renames = Map.copyOf(renames);
  }
}
