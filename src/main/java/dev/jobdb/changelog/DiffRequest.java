package dev.jobdb.changelog;

import dev.jobdb.config.ChangelogLocation;
import dev.jobdb.engine.Engine;
import dev.jobdb.config.StatusEnum;
import java.util.Map;

/**
 * What {@code jobdb migrate diff} compares and where it writes.
 *
 * @param renames {@code --rename FROM=TO}: values the enum renamed, so their rows move
 * @param dryRun print the changeset instead of writing it
 */
public record DiffRequest(
    Engine engine,
    StatusEnum statusEnum,
    ChangelogLocation changelog,
    Map<String, String> renames,
    boolean dryRun) {
  public DiffRequest {
    renames = Map.copyOf(renames);
  }
}
