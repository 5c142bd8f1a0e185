package dev.jobdb.config;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves which database file to use, in one place for every command: {@code --db} > environment
 * variable {@code DB_PATH} > {@code DB_PATH} in the .env file > {@code tracks.db}.
 *
 * <p>A relative path from a .env file is resolved against that file's folder (so it does not depend
 * on where jobdb is started); every other relative path against the working directory.
 */
public final class DatabaseLocator {
  public static final String VARIABLE = "DB_PATH";
  public static final String DEFAULT_FILE = "tracks.db";
  public static final String DEFAULT_ENV_FILE = ".env";

  /** dotenv-java's messages: "Malformed entry X" and "Malformed entry, unmatched quotes X". */
  private static final Pattern MALFORMED =
      Pattern.compile("Malformed entry(?:, unmatched quotes)? (.*)", Pattern.DOTALL);

  private static final Pattern VARIABLE_LINE =
      Pattern.compile("^\\s*(export\\s+)?" + VARIABLE + "\\s*=.*");

  private final Map<String, String> environment;
  private final Path workingDirectory;

  /**
   * @param workingDirectory where relative paths start; its file system decides whether Windows
   *     path rules apply ({@link SettingPath})
   */
  public DatabaseLocator(Map<String, String> environment, Path workingDirectory) {
    this.environment = environment;
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
  }

  public static DatabaseLocator forThisProcess() {
    return new DatabaseLocator(System.getenv(), Path.of("").toAbsolutePath());
  }

  /**
   * @param dbFlag the value of {@code --db}, or null
   * @param envFileFlag the value of {@code --env-file}, or null for {@code ./.env} (optional then)
   */
  public DatabaseLocation locate(String dbFlag, String envFileFlag) {
    if (dbFlag != null) {
      return resolve(dbFlag, workingDirectory, PathSource.FLAG, "--db");
    }
    String fromEnvironment = environment.get(VARIABLE);
    if (fromEnvironment != null) {
      return resolve(
          fromEnvironment,
          workingDirectory,
          PathSource.ENVIRONMENT,
          "environment variable DB_PATH");
    }
    Path envFile =
        workingDirectory.resolve(envFileFlag != null ? envFileFlag : DEFAULT_ENV_FILE).normalize();
    if (Files.isRegularFile(envFile)) {
      String fromFile = readVariable(envFile);
      int line = lineOf(envFile);
      if (fromFile == null && line > 0) {
        // dotenv-java skips a line it cannot split (an open quote, text after the closing quote)
        // without a word; falling back to tracks.db then would open the wrong file.
        throw new JobdbException(
            ExitCode.USAGE,
            "cannot parse "
                + envFile
                + ", line "
                + line
                + " ("
                + readLines(envFile).get(line - 1).strip()
                + "): write it as DB_PATH=path, with matching quotes if any");
      }
      if (fromFile != null) {
        String origin = VARIABLE + " in " + envFile + (line > 0 ? ", line " + line : "");
        return resolve(unquoteSingle(fromFile), envFile.getParent(), PathSource.ENV_FILE, origin);
      }
    } else if (envFileFlag != null) {
      String problem = Files.isDirectory(envFile) ? "is a directory" : "not found";
      throw new JobdbException(
          ExitCode.USAGE,
          "env file "
              + problem
              + ": "
              + envFile
              + " (from --env-file): point --env-file at the"
              + " .env file, or drop it");
    }
    String why =
        Files.isRegularFile(envFile)
            ? "default: no DB_PATH in the environment or in " + envFile
            : "default: no DB_PATH in the environment and no " + envFile;
    return resolve(DEFAULT_FILE, workingDirectory, PathSource.DEFAULT, why);
  }

  private DatabaseLocation resolve(String value, Path base, PathSource source, String origin) {
    if (value.isBlank()) {
      throw new JobdbException(
          ExitCode.USAGE,
          "empty database path ("
              + origin
              + "): set it to the database file, or remove it to use "
              + DEFAULT_FILE);
    }
    Path path;
    try {
      path = SettingPath.resolve(value, base);
    } catch (SettingPath.RefusedException e) {
      throw new JobdbException(
          ExitCode.USAGE,
          "'" + value + "' (" + origin + ") " + e.getMessage()
              + ": set DB_PATH or --db to this machine's path of the database");
    }
    return new DatabaseLocation(path, source, origin);
  }

  private static String readVariable(Path envFile) {
    try {
      Dotenv dotenv =
          Dotenv.configure()
              .directory(envFile.getParent().toString())
              .filename(envFile.getFileName().toString())
              .load();
      for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
        if (entry.getKey().equals(VARIABLE)) {
          return entry.getValue();
        }
      }
      return null;
    } catch (DotenvException e) {
      throw new JobdbException(
          ExitCode.USAGE,
          "cannot parse "
              + envFile
              + describeBadLine(envFile, e.getMessage())
              + ": write it as KEY=value, or point --env-file at another file",
          e);
    }
  }

  /**
   * dotenv-java 3.2 rejects {@code DB_PATH="a"b"} and keeps the single quotes of {@code
   * DB_PATH='a.db'}; most .env readers (python-dotenv among them) take them off, so jobdb does too.
   */
  private static String unquoteSingle(String value) {
    String v = value.strip();
    if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
      return v.substring(1, v.length() - 1);
    }
    return value;
  }

  /** dotenv-java names the bad entry but not its line; find the line so the user can go there. */
  private static String describeBadLine(Path envFile, String message) {
    Matcher malformed = MALFORMED.matcher(message == null ? "" : message);
    if (!malformed.matches()) {
      return message == null ? "" : " (" + message + ")";
    }
    String entry = malformed.group(1);
    List<String> lines = readLines(envFile);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(entry.strip())) {
        return ", line " + (i + 1) + " (" + entry.strip() + ")";
      }
    }
    return " (" + entry.strip() + ")";
  }

  private static int lineOf(Path envFile) {
    List<String> lines = readLines(envFile);
    int found = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (VARIABLE_LINE.matcher(lines.get(i)).matches()) {
        found = i + 1;
      }
    }
    return found;
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new JobdbException(
          ExitCode.USAGE,
          "cannot read " + file + ": " + e.getMessage() + ": check its permissions",
          e);
    }
  }
}
