package dev.jobdb.config;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a command works on PostgreSQL: {@code --db-url} > environment variable {@code
 * DATABASE_URL} > {@code DATABASE_URL} in the .env file. A URL together with a SQLite path
 * ({@code --db} or {@code DB_PATH}, from anywhere) is a usage error: jobdb will not guess which
 * of the two the user meant.
 */
public final class DatabaseUrlLocator {
  public static final String VARIABLE = "DATABASE_URL";
  private static final String SQLITE_VARIABLE = "DB_PATH";

  private final Map<String, String> environment;
  private final Path workingDirectory;

  public DatabaseUrlLocator(Map<String, String> environment, Path workingDirectory) {
    this.environment = environment;
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
  }

  public static DatabaseUrlLocator forThisProcess() {
    return new DatabaseUrlLocator(System.getenv(), Path.of("").toAbsolutePath());
  }

  /**
   * @param urlFlag the value of {@code --db-url}, or null
   * @param dbFlag the value of {@code --db}, or null
   * @param envFileFlag the value of {@code --env-file}, or null for {@code ./.env}
   * @return the PostgreSQL database, or empty when none is named (then the SQLite rule applies)
   */
  public Optional<DatabaseUrl> locate(String urlFlag, String dbFlag, String envFileFlag) {
    Path envFile =
        workingDirectory.resolve(envFileFlag != null ? envFileFlag : ".env").normalize();
    Map<String, String> fromFile = Files.isRegularFile(envFile) ? read(envFile) : Map.of();
    Optional<DatabaseUrl> url = url(urlFlag, envFile, fromFile);
    if (url.isEmpty()) {
      return url;
    }
    String path = dbFlag != null ? "--db"
        : environment.get(SQLITE_VARIABLE) != null ? "environment variable DB_PATH"
        : fromFile.get(SQLITE_VARIABLE) != null ? "DB_PATH in " + envFile
        : null;
    if (path != null) {
      throw new JobdbException(ExitCode.USAGE, "both a SQLite file (" + path
          + ") and a PostgreSQL URL (" + url.get().origin() + ") are set: keep one (--db/DB_PATH"
          + " for SQLite, --db-url/DATABASE_URL for PostgreSQL)");
    }
    return url;
  }

  private Optional<DatabaseUrl> url(String urlFlag, Path envFile, Map<String, String> fromFile) {
    if (urlFlag != null) {
      return Optional.of(parse(urlFlag, "--db-url"));
    }
    String fromEnvironment = environment.get(VARIABLE);
    if (fromEnvironment != null) {
      return Optional.of(parse(fromEnvironment, "environment variable " + VARIABLE));
    }
    String inFile = fromFile.get(VARIABLE);
    if (inFile != null) {
      return Optional.of(parse(inFile, VARIABLE + " in " + envFile));
    }
    return Optional.empty();
  }

  private static DatabaseUrl parse(String value, String origin) {
    if (value.isBlank()) {
      throw new JobdbException(ExitCode.USAGE, "empty database URL (" + origin + "): set it to"
          + " postgresql://user:password@host:5432/database, or remove it");
    }
    return DatabaseUrlParser.parse(value, origin);
  }

  /** Malformed files are reported by {@link DatabaseLocator}, which reads the same file. */
  private static Map<String, String> read(Path envFile) {
    try {
      Dotenv dotenv = Dotenv.configure()
          .directory(envFile.getParent().toString())
          .filename(envFile.getFileName().toString())
          .load();
      Map<String, String> values = new java.util.HashMap<>();
      for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
        values.put(entry.getKey(), entry.getValue());
      }
      return values;
    } catch (DotenvException e) {
      return Map.of();
    }
  }
}
