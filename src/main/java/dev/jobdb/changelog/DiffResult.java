package dev.jobdb.changelog;

import dev.jobdb.config.DatabaseTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code jobdb migrate diff} found and wrote; feeds both the text and the JSON view.
 *
 * @param changelog the changelog folder
 * @param changelogOrigin why that folder, e.g. {@code JOBDB_CHANGELOG in /srv/app/.env, line 3}
 * @param enumDescription which enum, as every command announces it
 * @param liveStatuses what the live CHECK on job_queue.status accepts, in its order
 * @param enumValues the enum's values, in its order
 * @param reason for {@link Outcome#NOTHING_TO_DO}: why
 * @param changesetId the new changeset's id; null when nothing to do
 * @param file the file written (or that --dry-run would write)
 * @param changeset the file's content
 * @param seededFiles built-in changesets copied into a folder that did not exist (or would be)
 * @param jobsInRemoved rows in each status the changeset narrows away: migrate up refuses over
 *     them unless --remap moves them
 * @param nextCommand what to run next
 */
public record DiffResult(
    DatabaseTarget database,
    Path changelog,
    String changelogOrigin,
    String enumDescription,
    Outcome outcome,
    List<String> liveStatuses,
    List<String> enumValues,
    List<String> added,
    List<String> removed,
    Map<String, String> renamed,
    String reason,
    String changesetId,
    Path file,
    String changeset,
    List<String> seededFiles,
    Map<String, Long> jobsInRemoved,
    String nextCommand) {

  public enum Outcome {
    WRITTEN,
    DRY_RUN,
    NOTHING_TO_DO
  }
}
