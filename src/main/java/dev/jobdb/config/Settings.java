package dev.jobdb.config;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of one jobdb run, resolved by one rule: the flag, else the environment variable,
 * else the variable in the .env file ({@code --env-file FILE}, default {@code ./.env}), else the
 * default. A relative path from a .env file is resolved against that file's folder (so the answer
 * does not depend on where jobdb is started); every other relative path against the working
 * directory. Each result says where it came from.
 *
 * <p>The .env file is read only when a setting falls through to it, and then once.
 */
public final class Settings {
  public static final String DEFAULT_ENV_FILE = ".env";
  public static final String DEFAULT_DATABASE = "tracks.db";
  public static final int DEFAULT_KEEP_SNAPSHOTS = 10;

  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final String envFileFlag;
  private EnvFile envFile;

  /**
   * @param workingDirectory where relative paths start; its file system decides whether Windows
   *     path rules apply ({@link SettingPath})
   * @param envFileFlag the value of {@code --env-file}, or null for {@code ./.env} (optional then)
   */
  public Settings(Map<String, String> environment, Path workingDirectory, String envFileFlag) {
    this.environment = Map.copyOf(environment);
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    this.envFileFlag = envFileFlag;
  }

  public static Settings forThisProcess(String envFileFlag) {
    return new Settings(System.getenv(), Path.of("").toAbsolutePath(), envFileFlag);
  }

  /**
   * The one precedence rule: flag, environment, .env file.
   *
   * @param flagValue the flag's value, or null when not given
   * @return empty when nothing sets it, so the default applies
   */
  public Optional<SettingValue> find(Setting setting, String flagValue) {
    if (flagValue != null) {
      return Optional.of(new SettingValue(setting, flagValue, PathSource.FLAG, setting.flag(),
          workingDirectory));
    }
    String fromEnvironment = environment.get(setting.variable());
    if (fromEnvironment != null) {
      return Optional.of(new SettingValue(setting, fromEnvironment, PathSource.ENVIRONMENT,
          "environment variable " + setting.variable(), workingDirectory));
    }
    EnvFile env = envFile();
    if (env == null) {
      return Optional.empty();
    }
    if (setting == Setting.DATABASE) {
      return env.dbPath().usable().map(entry -> new SettingValue(setting, entry.value(),
          PathSource.ENV_FILE, "DB_PATH in " + env.file() + ", line " + entry.line(),
          env.folder()));
    }
    return env.get(setting.variable()).map(entry -> new SettingValue(setting, entry.value(),
        PathSource.ENV_FILE, setting.variable() + " in " + env.file()
            + (entry.line() > 0 ? ", line " + entry.line() : ""),
        env.file().getParent()));
  }

  /** Why the default applies: nothing set the variable. */
  public String defaultOrigin(Setting setting) {
    Path env = envFilePath();
    return Files.isRegularFile(env)
        ? "default: no " + setting.variable() + " in the environment or in " + env
        : "default: no " + setting.variable() + " in the environment and no " + env;
  }

  /**
   * The database file: {@code --db} > {@code DB_PATH} in the environment > {@code DB_PATH} in the
   * .env file, read as the app's job queue reads it ({@link AppDbPath}) > {@code tracks.db} beside
   * the .env file (the app's project root), or in the working directory without one.
   */
  public DatabaseLocation database(String dbFlag) {
    if (dbFlag != null) {
      return location(find(Setting.DATABASE, dbFlag).orElseThrow(), List.of());
    }
    String fromEnvironment = environment.get(Setting.DATABASE.variable());
    if (fromEnvironment != null) {
      SettingValue value = find(Setting.DATABASE, null).orElseThrow();
      DatabaseLocation location = location(value, List.of());
      return location(value, environmentWarning(location.path()));
    }
    EnvFile env = envFile();
    if (env != null) {
      return new EnvFileDatabase(env, this::databasePath).locate(defaultOrigin(Setting.DATABASE));
    }
    return location(new SettingValue(Setting.DATABASE, DEFAULT_DATABASE, PathSource.DEFAULT,
        defaultOrigin(Setting.DATABASE), workingDirectory), List.of());
  }

  /** The app's job queue reads only the .env file: say so when the environment wins over it. */
  private List<String> environmentWarning(Path chosen) {
    EnvFile env;
    try {
      env = envFile();
    } catch (JobdbException unreadable) {
      return List.of();
    }
    if (env == null) {
      return List.of();
    }
    EnvFileDatabase fromFile = new EnvFileDatabase(env, this::databasePath);
    return fromFile.jobQueuePath().filter(path -> !path.equals(chosen))
        .map(path -> List.of("DB_PATH in the environment (" + chosen + ") wins over "
            + fromFile.lineOfJobQueue() + ", but the app's job queue reads only " + env.file()
            + " and opens " + path + ": unset DB_PATH or pass --db if that is the database"))
        .orElse(List.of());
  }

  private DatabaseLocation location(SettingValue value, List<String> warnings) {
    return new DatabaseLocation(databasePath(value), value.source(), value.origin(), warnings);
  }

  private Path databasePath(SettingValue value) {
    return path(value, "database path", "the database file", "use " + DEFAULT_DATABASE);
  }

  /**
   * A PostgreSQL database: {@code --db-url} > {@code DATABASE_URL}; empty means SQLite. Naming a
   * SQLite file too ({@code --db} or {@code DB_PATH}, from anywhere) is a usage error: jobdb does not
   * guess which of the two was meant.
   */
  public Optional<DatabaseUrl> databaseUrl(String urlFlag, String dbFlag) {
    Optional<SettingValue> url = find(Setting.DATABASE_URL, urlFlag);
    if (url.isEmpty()) {
      return Optional.empty();
    }
    Optional<SettingValue> path = find(Setting.DATABASE, dbFlag);
    if (path.isPresent()) {
      throw new JobdbException(ExitCode.USAGE, "both a SQLite file (" + path.get().origin()
          + ") and a PostgreSQL URL (" + url.get().origin() + ") are set: keep one (--db/DB_PATH"
          + " for SQLite, --db-url/DATABASE_URL for PostgreSQL)");
    }
    if (url.get().value().isBlank()) {
      throw new JobdbException(ExitCode.USAGE, "empty database URL (" + url.get().origin()
          + "): set it to postgresql://user:password@host:5432/database, or remove it");
    }
    return Optional.of(DatabaseUrlParser.parse(url.get().value(), url.get().origin()));
  }

  /** The app's enum: {@code --enum} > {@code JOBDB_ENUM}, else the built-in copy. */
  public EnumLocation enumLocation(String enumFlag) {
    Optional<SettingValue> found = find(Setting.ENUM, enumFlag);
    if (found.isEmpty()) {
      return EnumLocation.builtIn(defaultOrigin(Setting.ENUM));
    }
    SettingValue value = found.get();
    EnumLocation.FileAndClass parts = EnumLocation.split(value);
    SettingValue file = new SettingValue(Setting.ENUM, parts.file(), value.source(),
        value.origin(), value.base());
    return new EnumLocation(
        path(file, "enum path", "the Python file that defines the enum",
            "use jobdb's built-in copy"),
        parts.className(), value.source(), value.origin());
  }

  /**
   * The app's enum, read from its Python file (never run), or jobdb's built-in copy when nothing
   * names one.
   *
   * @throws JobdbException {@link ExitCode#USAGE} when the file is missing or unreadable, the class
   *     is not in it, or a member cannot be read with certainty (the message names file and line)
   */
  public StatusEnum statusEnum(String enumFlag) {
    return StatusEnumLoader.load(enumLocation(enumFlag));
  }

  /** The changelog folder: {@code --changelog} > {@code JOBDB_CHANGELOG}, else the built-in one. */
  public ChangelogLocation changelog(String changelogFlag) {
    return find(Setting.CHANGELOG, changelogFlag)
        .map(value -> new ChangelogLocation(
            path(value, "changelog folder", "the folder that holds master.yaml",
                "use jobdb's built-in changelog"),
            value.source(), value.origin()))
        .orElseGet(() -> ChangelogLocation.builtIn(defaultOrigin(Setting.CHANGELOG)));
  }

  /**
   * How many snapshots of a database to keep: {@code --keep} > {@code JOBDB_KEEP_SNAPSHOTS} >
   * {@value #DEFAULT_KEEP_SNAPSHOTS}. At least 1: the snapshot a run just took is never removed.
   */
  public int keepSnapshots(String keepFlag) {
    Optional<SettingValue> found = find(Setting.KEEP_SNAPSHOTS, keepFlag);
    if (found.isEmpty()) {
      return DEFAULT_KEEP_SNAPSHOTS;
    }
    String text = found.get().value().strip();
    try {
      int keep = Integer.parseInt(text);
      if (keep >= 1) {
        return keep;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new JobdbException(ExitCode.USAGE, "'" + text + "' (" + found.get().origin()
        + "): the number of snapshots to keep must be a whole number, 1 or more");
  }

  /**
   * Where snapshots go: {@code --backup-dir} > {@code JOBDB_BACKUP_DIR}; empty means the engine's
   * default (beside a SQLite file; the per-user data folder for PostgreSQL).
   */
  public Optional<Path> backupDir(Path backupDirFlag) {
    return find(Setting.BACKUP_DIR, backupDirFlag == null ? null : backupDirFlag.toString())
        .map(value -> path(value, "backup folder", "the folder snapshots go to",
            "use the default place"));
  }

  /** A setting's value as an absolute path, resolved against its base folder. */
  private Path path(SettingValue value, String noun, String what, String withoutIt) {
    String text = value.value();
    if (text.isBlank()) {
      throw new JobdbException(ExitCode.USAGE, "empty " + noun + " ("
          + value.origin() + "): set it to " + what + ", or remove it to " + withoutIt);
    }
    try {
      return SettingPath.resolve(text, value.base());
    } catch (SettingPath.RefusedException e) {
      throw new JobdbException(ExitCode.USAGE, "'" + text + "' (" + value.origin() + ") "
          + e.getMessage() + ": set " + value.setting().variable() + " or "
          + value.setting().flag() + " to this machine's path of " + what);
    }
  }

  private Path envFilePath() {
    return workingDirectory.resolve(envFileFlag != null ? envFileFlag : DEFAULT_ENV_FILE)
        .normalize();
  }

  /** The .env file, read once; null when there is none (an error if --env-file named it). */
  private EnvFile envFile() {
    if (envFile != null) {
      return envFile;
    }
    Path path = envFilePath();
    if (Files.isRegularFile(path)) {
      envFile = EnvFile.read(path);
      return envFile;
    }
    if (envFileFlag != null) {
      String problem = Files.isDirectory(path) ? "is a directory" : "not found";
      throw new JobdbException(ExitCode.USAGE, "env file " + problem + ": " + path
          + " (from --env-file): point --env-file at the .env file, or drop it");
    }
    return null;
  }
}
