package dev.jobdb.engine.sqlite.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hidden {@code .partial} file a snapshot is written to carries the id of the process writing
 * it. A run killed while copying (kill -9, power cut) leaves that file behind, as large as the
 * database; the next snapshot of the same database removes it once its writer is provably gone: no
 * process has that id, or the process that has it started after the file was last written (the id
 * was reused).
 */
final class PartialLeftovers {
  private PartialLeftovers() {}

  /** The partial name for {@code target} written by this process. */
  static Path partialFor(Path target) {
    return target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
        + ".partial");
  }

  /** Removes the leftovers of dead writers for snapshots named {@code <dbName>.<stamp>...}. */
  static List<Path> removeDead(Path folder, String dbName, String suffix) {
    Pattern leftover = Pattern.compile("\\." + Pattern.quote(dbName) + "\\.\\d{8}T\\d{9}Z"
        + Pattern.quote(suffix) + "\\.(\\d+)\\.partial");
    List<Path> removed = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Matcher m = leftover.matcher(file.getFileName().toString());
        if (m.matches() && writerGone(Long.parseLong(m.group(1)), file)) {
          SnapshotFiles.deleteQuietly(file);
          if (!Files.exists(file)) {
            removed.add(file);
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      // nothing removed: a leftover wastes space but is never taken for a snapshot
    }
    return removed;
  }

  static boolean writerGone(long pid, Path file) throws IOException {
    Optional<ProcessHandle> writer = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (writer.isEmpty()) {
      return true;
    }
    Instant lastWritten = Files.getLastModifiedTime(file).toInstant();
    return writer.get().info().startInstant().map(started -> started.isAfter(lastWritten))
        .orElse(false);
  }
}
