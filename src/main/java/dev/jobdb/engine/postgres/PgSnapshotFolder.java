package dev.jobdb.engine.postgres;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where PostgreSQL snapshots live and what they are called. A PostgreSQL database has no folder
 * of its own, so by default they go to one per-user data folder, never the folder jobdb was
 * started from: {@code $XDG_DATA_HOME/jobdb/snapshots} (else {@code
 * ~/.local/share/jobdb/snapshots}), on Windows {@code %LOCALAPPDATA%\jobdb\snapshots}; {@code
 * --backup-dir} or {@code JOBDB_BACKUP_DIR} choose another. A snapshot is named after the server's
 * host and port and the database, {@code <host>_<port>_<database>.<stamp>.jobdb-pg-snapshot}, so
 * snapshots of two servers never mix.
 */
public final class PgSnapshotFolder {
  private PgSnapshotFolder() {}

  /** {@code dir}, or the per-user default when it is null. */
  public static Path of(Path dir) {
    return dir != null ? dir.toAbsolutePath().normalize() : defaultFolder(System.getenv(),
        System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
  }

  static Path defaultFolder(Map<String, String> env, String osName, Path home) {
    if (osName.toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
      String local = env.get("LOCALAPPDATA");
      Path base = local != null && !local.isBlank() ? Path.of(local)
          : home.resolve("AppData").resolve("Local");
      return base.resolve("jobdb").resolve("snapshots");
    }
    String xdg = env.get("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
        : home.resolve(".local").resolve("share");
    return base.resolve("jobdb").resolve("snapshots");
  }

  /** {@code host_port_database}: what every snapshot of this database is named after. */
  public static String prefix(DatabaseUrl url) {
    String rest = url.jdbcUrl().substring(url.jdbcUrl().indexOf("//") + 2);
    int slash = rest.indexOf('/');
    String hosts = slash < 0 ? rest : rest.substring(0, slash);
    String database = slash < 0 ? "" : rest.substring(slash + 1);
    int query = database.indexOf('?');
    database = query < 0 ? database : database.substring(0, query);
    String first = hosts.split(",")[0];
    String host = first;
    String port = "5432";
    int colon = first.lastIndexOf(':');
    if (colon > 0 && !first.endsWith("]")) {
      host = first.substring(0, colon);
      port = first.substring(colon + 1);
    }
    return safe(host.isEmpty() ? "localhost" : host) + "_" + safe(port) + "_" + safe(database);
  }

  private static String safe(String part) {
    return part.replaceAll("[^A-Za-z0-9._-]", "-");
  }

  /** A snapshot file of this database: where, when (from its name), how large. */
  public record Entry(Path path, Instant createdAt, long bytes) {}

  /** This database's snapshots in {@code folder}, newest first; none if the folder is missing. */
  public static List<Entry> list(DatabaseUrl url, Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    Pattern name = Pattern.compile(Pattern.quote(prefix(url)) + "\\.(\\d{8}T\\d{9}Z)"
        + Pattern.quote(PgSnapshots.SUFFIX));
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Matcher m = name.matcher(file.getFileName().toString());
        if (m.matches() && Files.isRegularFile(file)) {
          entries.add(new Entry(file, PgSnapshots.STAMP.parse(m.group(1), Instant::from),
              Files.size(file)));
        }
      }
    } catch (IOException e) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE,
          "cannot list snapshots in " + folder + ": " + e.getMessage(), e);
    }
    entries.sort(Comparator.comparing(Entry::createdAt).reversed());
    return List.copyOf(entries);
  }

  /** The newest snapshot of this database in {@code dir} (null: the default folder). */
  public static Optional<Path> newest(DatabaseUrl url, Path dir) {
    return list(url, of(dir)).stream().findFirst().map(Entry::path);
  }

  /** This database's snapshots in {@code dir} (null: the default folder), newest first. */
  public static List<dev.jobdb.engine.SnapshotInfo> snapshots(DatabaseUrl url, Path dir) {
    return list(url, of(dir)).stream().map(e -> new dev.jobdb.engine.SnapshotInfo(e.path(),
        e.createdAt(), jobs(e.path()), e.bytes())).toList();
  }

  /** One snapshot file as {@code status} and {@code restore} show it. */
  public static dev.jobdb.engine.SnapshotInfo info(DatabaseUrl url, Path file) {
    return list(url, file.toAbsolutePath().getParent()).stream()
        .filter(e -> e.path().equals(file.toAbsolutePath()))
        .map(e -> new dev.jobdb.engine.SnapshotInfo(e.path(), e.createdAt(), jobs(e.path()),
            e.bytes()))
        .findFirst().orElseGet(() -> {
          try {
            return new dev.jobdb.engine.SnapshotInfo(file.toAbsolutePath(),
                Files.getLastModifiedTime(file).toInstant(), jobs(file), Files.size(file));
          } catch (IOException e) {
            throw new JobdbException(ExitCode.USAGE, "cannot read " + file + ": "
                + e.getMessage(), e);
          }
        });
  }

  /** The jobs its header records; null when it cannot be read as a snapshot. */
  private static Long jobs(Path file) {
    try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
      return PgRestore.readHeader(in, file).total();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Removes every snapshot past the newest {@code keep}, never {@code justTaken}; what it removed
   * (without their job counts: their headers are not read).
   */
  public static List<dev.jobdb.engine.SnapshotInfo> prune(DatabaseUrl url, Path folder, int keep,
      Path justTaken) {
    List<dev.jobdb.engine.SnapshotInfo> removed = new ArrayList<>();
    int kept = 1; // justTaken
    for (Entry entry : list(url, folder)) {
      if (entry.path().equals(justTaken)) {
        continue;
      }
      if (kept < keep) {
        kept++;
        continue;
      }
      try {
        Files.deleteIfExists(entry.path());
        removed.add(new dev.jobdb.engine.SnapshotInfo(entry.path(), entry.createdAt(), null,
            entry.bytes()));
      } catch (IOException e) {
        // kept: the next run tries again
      }
    }
    return List.copyOf(removed);
  }

  /**
   * Hidden {@code .partial} files of this database whose writer (the process id in the name) is
   * provably gone: no such process, or one that started after the file was last written.
   */
  static List<Path> removeDeadPartials(DatabaseUrl url, Path folder) {
    Pattern leftover = Pattern.compile("\\." + Pattern.quote(prefix(url))
        + "\\.\\d{8}T\\d{9}Z" + Pattern.quote(PgSnapshots.SUFFIX) + "\\.(\\d+)\\.partial");
    List<Path> removed = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return removed;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Matcher m = leftover.matcher(file.getFileName().toString());
        if (m.matches() && writerGone(Long.parseLong(m.group(1)), file)) {
          Files.deleteIfExists(file);
          removed.add(file);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // a leftover wastes space but is never taken for a snapshot
    }
    return removed;
  }

  private static boolean writerGone(long pid, Path file) throws IOException {
    Optional<ProcessHandle> writer = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (writer.isEmpty()) {
      return true;
    }
    Instant lastWritten = Files.getLastModifiedTime(file).toInstant();
    return writer.get().info().startInstant().map(s -> s.isAfter(lastWritten)).orElse(false);
  }

  /** The hidden name this process writes {@code target} under. */
  static Path partialFor(Path target) {
    return target.resolveSibling("." + target.getFileName() + "."
        + ProcessHandle.current().pid() + ".partial");
  }
}
