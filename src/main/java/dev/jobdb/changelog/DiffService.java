package dev.jobdb.changelog;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.changelog.DiffResult.Outcome;
import dev.jobdb.config.ChangelogLocation;
import dev.jobdb.run.StatusResult;
import dev.jobdb.run.StatusResult.ChangesetState;
import dev.jobdb.run.StatusService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jobdb migrate diff}: compares job_queue's live status CHECK with the app's enum and writes
 * the changeset that closes the gap into the app's changelog folder. Reads the database, never
 * writes it.
 */
public final class DiffService {
  static final String NEXT_COMMAND = "jobdb migrate up";

  public DiffResult diff(DiffRequest request) {
    ChangelogLocation changelog = request.changelog();
    if (changelog.isBuiltIn()) {
      throw new JobdbException(ExitCode.USAGE, "migrate diff writes the changeset into the app's"
          + " changelog folder, and none is set (" + changelog.origin() + "): pass --changelog DIR"
          + " or set JOBDB_CHANGELOG in the environment or the .env file, e.g."
          + " JOBDB_CHANGELOG=db/changelog (a folder that does not exist yet is created holding"
          + " jobdb's changesets)");
    }
    ChangelogFolder folder = new ChangelogFolder(changelog.directory());
    boolean exists = folder.exists();
    StatusResult status = new StatusService().status(request.engine(),
        exists ? changelog : ChangelogLocation.builtIn("what migrate diff copies into "
            + changelog.directory()), null);
    List<String> live = liveStatuses(request, status);
    List<String> enumValues = request.statusEnum().values();
    if (live == null) {
      return result(request, Outcome.NOTHING_TO_DO, List.of(),
          StatusChange.between(List.of(), List.of(), Map.of()),
          "job_queue.status has no CHECK: every value is accepted", null, null, null, List.of(),
          Map.of());
    }
    StatusChange change = StatusChange.between(live, enumValues, request.renames());
    if (change.none()) {
      return result(request, Outcome.NOTHING_TO_DO, live, change,
          "job_queue.status accepts exactly the " + enumValues.size() + " values of "
              + request.statusEnum().className(), null, null, null, List.of(), Map.of());
    }
    try {
      String id = String.format("%03d-status-%s", folder.nextNumber(), change.slug());
      String fileName = id + ".yaml";
      String yaml = ChangesetYaml.file(id, "changelogs/" + fileName, change,
          request.statusEnum().className());
      Map<String, Long> jobsInRemoved = new LinkedHashMap<>();
      change.removed().forEach(v -> jobsInRemoved.put(v,
          status.jobs().byStatus().getOrDefault(v, 0L)));
      List<String> seeded = exists ? List.of() : ChangelogFolder.builtInFiles();
      if (request.dryRun()) {
        return result(request, Outcome.DRY_RUN, live, change, null, id,
            folder.dir().resolve(fileName), yaml, seeded, jobsInRemoved);
      }
      if (!exists) {
        folder.seedWithBuiltIns();
      }
      Path file = folder.add(fileName, yaml, ChangesetYaml.include(fileName));
      return result(request, Outcome.WRITTEN, live, change, null, id, file, yaml, seeded,
          jobsInRemoved);
    } catch (IOException e) {
      throw new JobdbException(ExitCode.USAGE, "cannot write into the changelog"
          + " folder " + changelog.describe() + ": " + e.getMessage() + "; check its permissions"
          + " and free space", e);
    }
  }

  /**
   * The live set, read only once nothing is pending, so each generated rollback returns to the
   * set before it; null when there is no CHECK on status.
   */
  private static List<String> liveStatuses(DiffRequest request, StatusResult status) {
    if (!status.jobQueuePresent()) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "no job_queue table in "
          + request.engine().target().describe() + ": point --db or DB_PATH at the app's database");
    }
    List<String> pending = status.changesets().stream()
        .filter(c -> c.state().equals("pending")).map(ChangesetState::id).toList();
    if (!pending.isEmpty()) {
      String named = String.join(", ", pending.subList(0, Math.min(3, pending.size())))
          + (pending.size() > 3 ? " and " + (pending.size() - 3) + " more" : "");
      throw new JobdbException(ExitCode.REFUSED, "refused: " + pending.size() + " changeset"
          + (pending.size() == 1 ? " is" : "s are") + " pending (" + named + "): run `" + NEXT_COMMAND + "` first, so the new changeset's rollback returns to the"
          + " statuses they leave; nothing was written");
    }
    List<String> live = status.liveStatuses();
    if (live != null && live.isEmpty()) {
      throw new JobdbException(ExitCode.REFUSED, "refused: the CHECK on job_queue.status is not"
          + " a plain status IN (...) list, so jobdb cannot tell which values it accepts; nothing"
          + " was written. `jobdb verify-schema` shows the CHECK");
    }
    return live;
  }

  private static DiffResult result(DiffRequest request, Outcome outcome, List<String> live,
      StatusChange change, String reason, String id, Path file, String yaml, List<String> seeded,
      Map<String, Long> jobsInRemoved) {
    return new DiffResult(request.engine().target(), request.changelog().directory(),
        request.changelog().origin(),
        request.statusEnum().describe(), outcome, live, request.statusEnum().values(),
        change.added(), change.removed(), change.orderedRenames(), reason, id, file, yaml, seeded,
        jobsInRemoved, outcome == Outcome.NOTHING_TO_DO ? null : NEXT_COMMAND);
  }
}
