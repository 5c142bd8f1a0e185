package dev.jobdb.config;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One .env file, read line by line the way the app reads it: UTF-8, universal newlines, each line
 * stripped of whitespace and then of byte-order marks at its start. Nothing in it stops a run: a
 * line no reader understands is skipped, as the app skips it.
 *
 * <p>Two readings: {@link #dbPath()} gives {@code DB_PATH} as each of the app's two readers takes
 * it (see {@link AppDbPath}); {@link #get} reads jobdb's own keys leniently, as dotenv files are
 * usually written ({@code export}, quotes, comments).
 */
final class EnvFile {
  /** Python's text files decode 8 KiB at a time: a bad byte past it may come after DB_PATH. */
  private static final int PYTHON_CHUNK_BYTES = 8192;

  private final Path file;
  private final List<String> lines;
  private final String undecodable;

  private EnvFile(Path file, List<String> lines, String undecodable) {
    this.file = file;
    this.lines = lines;
    this.undecodable = undecodable;
  }

  static EnvFile read(Path file) {
    byte[] bytes = readBytes(file);
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
      List<String> lines = new ArrayList<>();
      for (String line : PythonText.lines(text)) {
        lines.add(PythonText.lstrip(PythonText.strip(line), '\uFEFF'));
      }
      return new EnvFile(file, List.copyOf(lines), null);
    } catch (CharacterCodingException e) {
      int at = badByteOffset(bytes);
      if (at >= PYTHON_CHUNK_BYTES) {
        throw new JobdbException(ExitCode.USAGE, file + " is not valid UTF-8 (byte " + at
            + "): whether the app reads DB_PATH before that byte depends on how Python buffers"
            + " the file; save it as UTF-8, or name the database with --db");
      }
      return new EnvFile(file, List.of(), "not valid UTF-8 (byte " + at + ")");
    }
  }

  Path file() {
    return file;
  }

  /** The folder the app's code lives in: its default database and relative paths start here. */
  Path folder() {
    return file.getParent();
  }

  /** DB_PATH as the app's job queue and database.py each read it. */
  AppDbPath dbPath() {
    if (undecodable != null) {
      return AppDbPath.undecodable(undecodable);
    }
    Entry jobQueue = null;
    Entry databasePy = null;
    List<Entry> settingLines = new ArrayList<>();
    List<Entry> exportLines = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int number = i + 1;
      // services/job_queue_service.py: the first line that starts exactly with DB_PATH=.
      if (jobQueue == null && line.startsWith("DB_PATH=")) {
        jobQueue = new Entry(PythonText.strip(line.substring("DB_PATH=".length())), number, line);
      }
      // database.py: every "key=value" line not starting with #, keys stripped; the last wins.
      if (!line.isEmpty() && line.contains("=") && !line.startsWith("#")) {
        int eq = line.indexOf('=');
        String key = PythonText.strip(line.substring(0, eq));
        if (key.equals("DB_PATH")) {
          databasePy = new Entry(PythonText.strip(line.substring(eq + 1)), number, line);
          settingLines.add(databasePy);
        } else if (exportedKey(key).equals("DB_PATH")) {
          exportLines.add(new Entry(PythonText.strip(line.substring(eq + 1)), number, line));
        }
      }
    }
    return new AppDbPath(null, Optional.ofNullable(jobQueue), Optional.ofNullable(databasePy),
        List.copyOf(settingLines), List.copyOf(exportLines));
  }

  /**
   * One of jobdb's own keys, read leniently: {@code export} prefixes, single or double quotes and
   * trailing {@code # comments} are taken off; the last line that sets it wins.
   *
   * @return the value and its 1-based line, or empty when the file does not set {@code variable}
   */
  Optional<Entry> get(String variable) {
    Entry found = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int eq = line.indexOf('=');
      if (line.startsWith("#") || eq < 0) {
        continue;
      }
      if (exportedKey(PythonText.strip(line.substring(0, eq))).equals(variable)) {
        found = new Entry(lenientValue(PythonText.strip(line.substring(eq + 1))), i + 1, line);
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * @param value the value as the reader took it
   * @param line 1-based
   * @param text the whole line, as the app sees it (stripped)
   */
  record Entry(String value, int line, String text) {}

  /** {@code export KEY} → {@code KEY}; anything else unchanged. */
  private static String exportedKey(String key) {
    if (key.startsWith("export") && key.length() > 6 && PythonText.isSpace(key.charAt(6))) {
      return PythonText.strip(key.substring(6));
    }
    return key;
  }

  private static String lenientValue(String value) {
    if (!value.isEmpty() && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
      int close = value.indexOf(value.charAt(0), 1);
      if (close > 0) {
        return value.substring(1, close);
      }
    }
    for (int i = 1; i < value.length(); i++) {
      if (value.charAt(i) == '#' && PythonText.isSpace(value.charAt(i - 1))) {
        return PythonText.strip(value.substring(0, i));
      }
    }
    return value;
  }

  private static int badByteOffset(byte[] bytes) {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    var result = decoder.decode(in, java.nio.CharBuffer.allocate(bytes.length + 1), true);
    return result.isError() ? in.position() : bytes.length;
  }

  private static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new JobdbException(ExitCode.USAGE,
          "cannot read " + file + ": " + e.getMessage() + ": check its permissions", e);
    }
  }
}
