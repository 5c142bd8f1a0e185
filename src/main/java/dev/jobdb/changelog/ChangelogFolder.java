package dev.jobdb.changelog;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The app's changelog folder: {@code master.yaml} including one file per changeset. Files are
 * written whole under a temporary name and renamed into place, so a reader never sees half a file.
 */
final class ChangelogFolder {
  static final String MASTER = "master.yaml";
  private static final String BUILT_IN = "changelogs/";
  private static final Pattern NUMBER = Pattern.compile("^(\\d+)");
  private static final Pattern LIST_ITEM = Pattern.compile("(?m)^( *)- ");

  private final Path dir;

  ChangelogFolder(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  Path master() {
    return dir.resolve(MASTER);
  }

  /** False when the folder does not exist yet (then {@link #seedWithBuiltIns} creates it). */
  boolean exists() {
    if (!Files.exists(dir)) {
      return false;
    }
    if (!Files.isDirectory(dir)) {
      throw new JobdbException(ExitCode.USAGE, "changelog folder is a file: " + dir
          + ": point --changelog or JOBDB_CHANGELOG at a folder");
    }
    if (!Files.isRegularFile(master())) {
      throw new JobdbException(ExitCode.USAGE, "changelog folder " + dir + " has no " + MASTER
          + ": point --changelog or JOBDB_CHANGELOG at the folder that holds it, or at a folder"
          + " that does not exist yet (migrate diff then creates it)");
    }
    return true;
  }

  /** The number after the highest one that starts a file name in master.yaml or the folder. */
  int nextNumber() throws IOException {
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      names.addAll(includedFiles(read(master())));
      try (Stream<Path> files = Files.list(dir)) {
        files.forEach(f -> names.add(f.getFileName().toString()));
      }
    } else {
      names.addAll(builtInFiles());
    }
    int highest = 0;
    for (String name : names) {
      Matcher m = NUMBER.matcher(Path.of(name).getFileName().toString());
      if (m.find()) {
        highest = Math.max(highest, Integer.parseInt(m.group(1)));
      }
    }
    return highest + 1;
  }

  /** jobdb's built-in changelog: its changeset files in order, then master.yaml. */
  static List<String> builtInFiles() {
    List<String> files = new ArrayList<>(
        includedFiles(new String(builtIn(MASTER), StandardCharsets.UTF_8)));
    files.add(MASTER);
    return files;
  }

  /**
   * Creates the folder holding jobdb's built-in changelog byte for byte; their logicalFilePath
   * keeps each changeset the one already recorded, so the history carries on.
   */
  void seedWithBuiltIns() throws IOException {
    Files.createDirectories(dir);
    for (String file : builtInFiles()) {
      write(file, builtIn(file));
    }
  }

  /**
   * Writes {@code fileName} and appends its include (a list item indented by two spaces) to
   * master.yaml, indented like the entries already there; the user's comments stay as they are.
   */
  Path add(String fileName, String changeset, String include) throws IOException {
    String master = read(master());
    Matcher item = LIST_ITEM.matcher(master);
    String indent = item.find() ? item.group(1) : "  ";
    String entry = include.lines().map(line -> indent + line.substring(2) + "\n")
        .reduce("", String::concat);
    String updated = (master.isEmpty() || master.endsWith("\n") ? master : master + "\n") + entry;
    List<String> included;
    try {
      included = includedFiles(updated);
    } catch (RuntimeException e) {
      included = List.of();
    }
    if (!included.contains(fileName)) {
      throw new JobdbException(ExitCode.USAGE, "cannot add " + fileName + " to " + master()
          + ": it is not a YAML changelog whose databaseChangeLog is a block list; nothing was"
          + " written. Add the include yourself, or use --dry-run to print the changeset");
    }
    Path file = dir.resolve(fileName);
    if (Files.exists(file)) {
      throw new JobdbException(ExitCode.REFUSED, "refused: " + file + " exists; nothing was"
          + " written. Move it away or add it to " + master() + " yourself");
    }
    write(fileName, changeset.getBytes(StandardCharsets.UTF_8));
    try {
      write(MASTER, updated.getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
  }

  /** The files master.yaml includes, in order. */
  static List<String> includedFiles(String masterYaml) {
    Object root = new Yaml().load(masterYaml);
    List<String> files = new ArrayList<>();
    if (root instanceof Map<?, ?> map && map.get("databaseChangeLog") instanceof List<?> entries) {
      for (Object entry : entries) {
        if (entry instanceof Map<?, ?> e && e.get("include") instanceof Map<?, ?> include
            && include.get("file") instanceof String file) {
          files.add(file);
        }
      }
    }
    return files;
  }

  private Path write(String fileName, byte[] content) throws IOException {
    Path target = dir.resolve(fileName);
    Path temp = Files.createTempFile(dir, "." + fileName, ".tmp");
    try {
      Files.write(temp, content);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    return target;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static byte[] builtIn(String name) {
    try (InputStream in = ChangelogFolder.class.getClassLoader()
        .getResourceAsStream(BUILT_IN + name)) {
      if (in == null) {
        throw new IllegalStateException("jobdb's built-in changelog lacks " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
