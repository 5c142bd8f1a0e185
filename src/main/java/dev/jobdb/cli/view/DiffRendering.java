package dev.jobdb.cli.view;

import dev.jobdb.changelog.DiffResult;
import dev.jobdb.changelog.DiffResult.Outcome;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The text view of a {@link DiffResult}; JSON comes from the same record. */
public final class DiffRendering {
  private DiffRendering() {}

  public static void render(DiffResult result, PrintWriter out) {
    if (result.outcome() == Outcome.NOTHING_TO_DO) {
      out.println("nothing to do: " + result.reason() + "; nothing was written");
      out.flush();
      return;
    }
    out.println("changelog: " + result.changelog() + " (" + result.changelogOrigin() + ")");
    out.println("live:      job_queue.status accepts " + String.join(", ", result.liveStatuses()));
    out.println("change:    " + String.join("; ", change(result)));
    boolean dryRun = result.outcome() == Outcome.DRY_RUN;
    if (!result.seededFiles().isEmpty()) {
      out.println((dryRun ? "would create: " : "created:   ") + result.changelog()
          + " holding jobdb's built-in changelog (" + String.join(", ", result.seededFiles())
          + ")");
    }
    for (Map.Entry<String, Long> rows : result.jobsInRemoved().entrySet()) {
      if (rows.getValue() > 0) {
        out.println("warning:   " + rows.getValue() + (rows.getValue() == 1 ? " job is" : " jobs are")
            + " in " + rows.getKey() + ": migrate up refuses until "
            + (rows.getValue() == 1 ? "it moves" : "they move") + ", e.g. with"
            + " --remap " + rows.getKey() + "=" + remapTarget(result.enumValues()));
      }
    }
    if (!result.added().isEmpty() && !result.removed().isEmpty()) {
      out.println("hint:      if the enum renamed a value, say so with --rename FROM=TO (e.g. --rename "
          + result.removed().get(0) + "=" + result.added().get(0) + ") and its rows move with it");
    }
    if (dryRun) {
      out.println("-- " + result.file() + " (would be written and included in master.yaml):");
      out.print(result.changeset());
      out.println("dry run: nothing was written");
    } else {
      out.println("wrote:     " + result.file() + " (included in master.yaml)");
      out.println("next:      " + result.nextCommand());
    }
    out.flush();
  }

  private static List<String> change(DiffResult result) {
    List<String> parts = new ArrayList<>();
    if (!result.added().isEmpty()) {
      parts.add("accepts " + String.join(", ", result.added()));
    }
    if (!result.removed().isEmpty()) {
      parts.add("no longer accepts " + String.join(", ", result.removed()));
    }
    result.renamed().forEach((from, to) -> parts.add("renames " + from + " to " + to
        + " (its rows move)"));
    return parts;
  }

  private static String remapTarget(List<String> enumValues) {
    return enumValues.contains("failed") ? "failed" : enumValues.get(0);
  }
}
