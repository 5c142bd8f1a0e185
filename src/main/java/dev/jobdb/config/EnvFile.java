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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One .env file, read with dotenv-java: each variable's value and the line that set it. A line
 * dotenv-java cannot parse is refused with its number rather than skipped.
 */
final class EnvFile {
  /** dotenv-java's messages: "Malformed entry X" and "Malformed entry, unmatched quotes X". */
  private static final Pattern MALFORMED =
      Pattern.compile("Malformed entry(?:, unmatched quotes)? (.*)", Pattern.DOTALL);

  private final Path file;
  private final Map<String, String> values;
  private final List<String> lines;

  private EnvFile(Path file, Map<String, String> values, List<String> lines) {
    this.file = file;
    this.values = values;
    this.lines = lines;
  }

  static EnvFile read(Path file) {
    List<String> lines = readLines(file);
    Map<String, String> values = new HashMap<>();
    try {
      Dotenv dotenv =
          Dotenv.configure()
              .directory(file.getParent().toString())
              .filename(file.getFileName().toString())
              .load();
      for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
        values.put(entry.getKey(), entry.getValue());
      }
    } catch (DotenvException e) {
      throw new JobdbException(
          ExitCode.USAGE,
          "cannot parse "
              + file
              + describeBadLine(lines, e.getMessage())
              + ": write it as KEY=value, or point --env-file at another file",
          e);
    }
    return new EnvFile(file, values, lines);
  }

  Path file() {
    return file;
  }

  /**
   * @return the value and its 1-based line, or empty when the file does not set {@code variable}
   */
  Optional<Entry> get(String variable) {
    String value = values.get(variable);
    int line = lineOf(variable);
    if (value == null && line > 0) {
      // dotenv-java skips a line it cannot split (an open quote, text after the closing quote)
      // without a word; falling back to the default then would use the wrong file.
      throw new JobdbException(
          ExitCode.USAGE,
          "cannot parse "
              + file
              + ", line "
              + line
              + " ("
              + lines.get(line - 1).strip()
              + "): write it as "
              + variable
              + "=value, with matching quotes if any");
    }
    return value == null ? Optional.empty() : Optional.of(new Entry(unquoteSingle(value), line));
  }

  /** @param line 1-based, 0 when unknown */
  record Entry(String value, int line) {}

  /** The last line that sets the variable: the one dotenv-java keeps. */
  private int lineOf(String variable) {
    Pattern setting = Pattern.compile("^\\s*(export\\s+)?" + Pattern.quote(variable) + "\\s*=.*");
    int found = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (setting.matcher(lines.get(i)).matches()) {
        found = i + 1;
      }
    }
    return found;
  }

  /**
   * dotenv-java 3.2 keeps the single quotes of {@code DB_PATH='a.db'}; most .env readers
   * (python-dotenv among them) take them off, so jobdb does too.
   */
  private static String unquoteSingle(String value) {
    String v = value.strip();
    if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
      return v.substring(1, v.length() - 1);
    }
    return value;
  }

  /** dotenv-java names the bad entry but not its line; find the line so the user can go there. */
  private static String describeBadLine(List<String> lines, String message) {
    Matcher malformed = MALFORMED.matcher(message == null ? "" : message);
    if (!malformed.matches()) {
      return message == null ? "" : " (" + message + ")";
    }
    String entry = malformed.group(1);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(entry.strip())) {
        return ", line " + (i + 1) + " (" + entry.strip() + ")";
      }
    }
    return " (" + entry.strip() + ")";
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
