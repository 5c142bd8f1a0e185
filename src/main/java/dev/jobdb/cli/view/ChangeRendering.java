package dev.jobdb.cli.view;

import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.cli.options.OutputOptions;

import dev.jobdb.run.AppliedChangeset;
import dev.jobdb.run.ChangeResult;
import dev.jobdb.run.ChangeResult.Outcome;
import dev.jobdb.run.ChangeResult.PlannedChangeset;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The text view of a {@link ChangeResult}; JSON comes from the same record. */
public final class ChangeRendering {
  private ChangeRendering() {}

  public static void render(ChangeResult result, OutputOptions output, PrintWriter out) {
    if (output.json()) {
      Json.print(out, result);
      return;
    }
    if (result.outcome() == Outcome.NOTHING_TO_DO) {
      out.println(result.command().equals("rollback")
          ? "nothing to roll back: no changeset is applied; nothing was changed"
          : "nothing to do: every changeset is applied; nothing was changed");
      out.flush();
      return;
    }
    String verb = result.command().equals("rollback") ? "roll back" : "apply";
    out.println("changesets to " + verb + ":");
    for (PlannedChangeset p : result.planned()) {
      out.printf("  %-38s %s%n", p.id(), p.description() == null ? "" : p.description());
    }
    if (result.backup() != null) {
      out.println("backup:   " + result.backup().path() + " (verified, "
          + result.backup().jobs() + " jobs)");
    }
    if (result.created() && result.database() instanceof DatabaseLocation file) {
      out.println("created:  " + file.path());
    }
    out.println("before:   " + result.before().describe());
    for (String note : result.notes()) {
      out.println("  " + note);
    }
    if (result.outcome() == Outcome.DRY_RUN) {
      out.println("-- SQL the run executed before it was rolled back:");
      result.sql().forEach(sql -> out.println(sql.endsWith(";") ? sql : sql + ";"));
      out.println("dry run: rehearsed in a transaction and rolled back; nothing was changed");
    } else {
      for (AppliedChangeset done : result.done()) {
        String how = result.outcome() == Outcome.ROLLED_BACK ? "rolled back" : done.how();
        out.printf("  %-38s %s%s%n", done.id(), how, method(result, done.id()));
      }
      out.println("after:    " + result.after().describe());
      out.printf("done in %.2f s (write lock held %s)%n", result.elapsedMillis() / 1000.0,
          holds(result));
    }
    out.flush();
  }

  /** "0.30 s" or "4 ms", and per stretch when the run let the app's writers in between. */
  private static String holds(ChangeResult result) {
    String longest = duration(result.writeLockMillis());
    if (result.lockHolds().size() < 2) {
      return longest;
    }
    Map<String, List<Long>> byStep = new LinkedHashMap<>();
    result.lockHolds().forEach(h -> byStep.computeIfAbsent(h.what(), w -> new ArrayList<>())
        .add(h.millis()));
    List<String> steps = new ArrayList<>();
    byStep.forEach((what, millis) -> steps.add(what + " " + (millis.size() == 1
        ? duration(millis.get(0))
        : millis.size() + " times, at most " + duration(Collections.max(millis)))));
    return "at most " + longest + " at a time: " + String.join(", ", steps);
  }

  /** Seconds from a tenth of a second on, milliseconds below: "0.00 s" says nothing. */
  private static String duration(long millis) {
    return millis >= 100 ? String.format("%.2f s", millis / 1000.0) : millis + " ms";
  }

  /** " (in place)" or " (rebuilt)" after a changeset that changed the status constraint. */
  private static String method(ChangeResult result, String changeSet) {
    return result.constraintMethods(changeSet).stream().map(how -> " (" + how + ")")
        .reduce("", String::concat);
  }
}
