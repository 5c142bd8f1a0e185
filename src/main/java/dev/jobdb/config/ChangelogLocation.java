package dev.jobdb.config;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which changelog a run uses, and why: the app's own folder holding {@value #MASTER}, or (directory
 * null) the changelog built into jobdb.
 *
 * @param directory absolute, normalized folder; null for the built-in changelog
 * @param source which rule chose it
 * @param origin human words for the source, e.g. {@code JOBDB_CHANGELOG in /srv/app/.env, line 3}
 */
public record ChangelogLocation(Path directory, PathSource source, String origin) {
  public static final String MASTER = "master.yaml";

  public static ChangelogLocation builtIn(String origin) {
    return new ChangelogLocation(null, PathSource.DEFAULT, origin);
  }

  public boolean isBuiltIn() {
    return directory == null;
  }

  /** The folder's master changelog; null for the built-in changelog. */
  public Path master() {
    return directory == null ? null : directory.resolve(MASTER);
  }

  /** For messages: the folder and why, or {@code built-in changelog}. */
  public String describe() {
    return isBuiltIn() ? "jobdb's built-in changelog" : directory + " (" + origin + ")";
  }

  /**
   * The changelog to read. A folder that does not exist yet stands for jobdb's built-in changelog:
   * it is what {@code jobdb migrate diff} copies into the folder when it creates it (the same
   * changesets under the same identities), so the app can name its folder in .env before it holds
   * a changeset of its own.
   */
  public ChangelogLocation orBuiltInWhileMissing() {
    return directory != null && !Files.exists(directory)
        ? builtIn(directory + " (" + origin + ") does not exist yet") : this;
  }

  /**
   * @throws JobdbException {@link ExitCode#USAGE} when the folder or its master changelog is
   *     missing
   */
  public ChangelogLocation requireMaster() {
    if (isBuiltIn()) {
      return this;
    }
    if (!Files.isDirectory(directory)) {
      throw new JobdbException(ExitCode.USAGE, (Files.exists(directory)
          ? "changelog folder is not a folder: " : "changelog folder not found: ") + directory
          + " (" + origin + "): point --changelog or JOBDB_CHANGELOG at the folder that holds "
          + MASTER + ", or remove it to use jobdb's built-in changelog");
    }
    if (!Files.isRegularFile(master())) {
      throw new JobdbException(ExitCode.USAGE, "no " + MASTER + " in the changelog folder "
          + directory + " (" + origin + "): point --changelog or JOBDB_CHANGELOG at the folder"
          + " that holds " + MASTER + ", or remove it to use jobdb's built-in changelog");
    }
    return this;
  }
}
