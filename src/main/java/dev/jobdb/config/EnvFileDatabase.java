package dev.jobdb.config;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.EnvFile.Entry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The database a .env file names, chosen as the app's job queue chooses it, with a warning for
 * every way the file could make another reader of the app open another file.
 */
final class EnvFileDatabase {
  private final EnvFile env;
  private final AppDbPath dbPath;
  private final Function<SettingValue, Path> resolve;

  /** @param resolve a value to an absolute path (refusing what cannot be one here) */
  EnvFileDatabase(EnvFile env, Function<SettingValue, Path> resolve) {
    this.env = env;
    this.dbPath = env.dbPath();
    this.resolve = resolve;
  }

  /** The file the app's job queue opens; its default when the file gives no usable DB_PATH. */
  DatabaseLocation locate(String defaultOrigin) {
    List<String> warnings = warnings();
    Optional<Entry> entry = dbPath.usable();
    if (entry.isEmpty()) {
      return new DatabaseLocation(defaultPath(), PathSource.DEFAULT, defaultOrigin, warnings);
    }
    refuseQuotes(entry.get());
    return new DatabaseLocation(resolve.apply(value(entry.get())), PathSource.ENV_FILE,
        origin(entry.get()), warnings);
  }

  /** What the job queue would open, for a warning when something else wins; empty if unsure. */
  Optional<Path> jobQueuePath() {
    try {
      return Optional.of(dbPath.usable().map(e -> resolve.apply(value(e))).orElse(defaultPath()));
    } catch (JobdbException e) {
      return Optional.empty();
    }
  }

  String lineOfJobQueue() {
    return dbPath.usable().map(this::origin).orElse("the default, " + defaultPath());
  }

  private List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    if (dbPath.undecodable() != null) {
      warnings.add(env.file() + " is " + dbPath.undecodable() + ": the app's job queue ignores"
          + " the whole file and opens " + defaultPath() + ", and so does jobdb; save the file"
          + " as UTF-8");
      return warnings;
    }
    dbPath.jobQueue().filter(e -> e.value().isEmpty()).ifPresent(e -> warnings.add(
        "DB_PATH on line " + e.line() + " of " + env.file() + " is empty: the app's job queue"
            + " then opens " + defaultPath() + ", and so does jobdb"));
    dbPath.usable().filter(e -> e.value().matches("(?s).*\\s#.*")).ifPresent(e -> warnings.add(
        "DB_PATH on line " + e.line() + " of " + env.file() + " holds ' #': the app takes the"
            + " whole rest of the line as the file name, comment included ('" + e.value()
            + "'); put the comment on a line of its own"));
    readersDisagree().ifPresent(warnings::add);
    for (Entry export : dbPath.exportLines()) {
      warnings.add("line " + export.line() + " of " + env.file() + " (" + export.text()
          + ") is read by neither of the app's readers, which do not understand 'export':"
          + " jobdb ignores it too; write DB_PATH=" + export.value() + " if that is the database");
    }
    return warnings;
  }

  /** database.py takes the last DB_PATH line, spaces around '=' allowed; the job queue not. */
  private Optional<String> readersDisagree() {
    List<Entry> lines = dbPath.settingLines();
    Optional<Path> jobQueue = jobQueuePath();
    String databasePy = dbPath.databasePy().map(e -> describe(e)).orElse(null);
    boolean severalValues = lines.stream().map(Entry::value).distinct().count() > 1;
    boolean differ = databasePy != null && jobQueue.isPresent()
        && !databasePy.equals(jobQueue.get().toString());
    if (!severalValues && !differ) {
      return Optional.empty();
    }
    String where = lines.size() > 1
        ? "DB_PATH is set on lines " + lines.stream().map(e -> String.valueOf(e.line()))
            .collect(Collectors.joining(", ")) + " of " + env.file()
        : "the app's two readers of " + env.file() + " disagree";
    return Optional.of(where + ": the app's job queue opens " + jobQueue.map(Path::toString)
        .orElse("?") + " (" + dbPath.usable().map(e -> "line " + e.line() + ", the first"
            + " starting with DB_PATH=").orElse("no line starts with DB_PATH=") + "), database.py"
        + " opens " + databasePy + " (line " + dbPath.databasePy().get().line() + ", the last)"
        + "; jobdb follows the job queue, which writes the job statuses");
  }

  private String describe(Entry entry) {
    if (entry.value().isEmpty()) {
      return "an empty path, which fails";
    }
    try {
      return resolve.apply(value(entry)).toString();
    } catch (JobdbException e) {
      return entry.value();
    }
  }

  private void refuseQuotes(Entry entry) {
    char first = entry.value().charAt(0);
    if (first == '"' || first == '\'') {
      throw new JobdbException(ExitCode.USAGE, "DB_PATH on line " + entry.line() + " of "
          + env.file() + " is quoted (" + entry.value() + "): the app's job queue keeps the"
          + " quotes as part of the file name and would open another file; write DB_PATH="
          + entry.value().replace(String.valueOf(first), "") + " without quotes");
    }
  }

  private Path defaultPath() {
    return env.folder().resolve(Settings.DEFAULT_DATABASE).toAbsolutePath().normalize();
  }

  private SettingValue value(Entry entry) {
    return new SettingValue(Setting.DATABASE, entry.value(), PathSource.ENV_FILE, origin(entry),
        env.folder());
  }

  private String origin(Entry entry) {
    return "DB_PATH in " + env.file() + ", line " + entry.line();
  }
}
