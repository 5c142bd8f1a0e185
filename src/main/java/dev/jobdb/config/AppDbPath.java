package dev.jobdb.config;

import dev.jobdb.config.EnvFile.Entry;
import java.util.List;
import java.util.Optional;

/**
 * {@code DB_PATH} in one .env file, as each of the app's two readers takes it.
 *
 * <ul>
 *   <li>The job queue ({@code JobQueueService.__init__}, the code that writes job statuses): the
 *       first line starting exactly with {@code DB_PATH=}, the rest of the line kept as it is
 *       (quotes and {@code #} included); an empty value or no such line means {@code tracks.db}
 *       in the project root. jobdb follows this reader.
 *   <li>{@code database.py} ({@code _load_env_config}): every {@code key=value} line, keys
 *       stripped ({@code DB_PATH = x} counts), the last one wins.
 * </ul>
 *
 * @param undecodable why the app cannot read the file at all (it then ignores it), or null
 * @param jobQueue the job queue's line, its value possibly empty
 * @param databasePy database.py's line
 * @param settingLines every line database.py reads as DB_PATH, in order
 * @param exportLines {@code export DB_PATH=...} lines, which neither reader takes
 */
record AppDbPath(String undecodable, Optional<Entry> jobQueue, Optional<Entry> databasePy,
    List<Entry> settingLines, List<Entry> exportLines) {

  static AppDbPath undecodable(String why) {
    return new AppDbPath(why, Optional.empty(), Optional.empty(), List.of(), List.of());
  }

  /** The job queue's value when it is not empty: the file the app's workers open. */
  Optional<Entry> usable() {
    return jobQueue.filter(entry -> !entry.value().isEmpty());
  }
}
