package dev.jobdb.engine.sqlite.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The file side of a snapshot: who may read it, getting it onto the disk, cleaning up. */
final class SnapshotFiles {
  private static final Set<PosixFilePermission> GROUP = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_EXECUTE);
  /** SQLite's files beside a database while it is open for writing. */
  private static final List<String> SIDE_FILES = List.of("-journal", "-wal", "-shm");

  private SnapshotFiles() {}

  /** Created with the database's permissions, so the copy is never readable by more people. */
  static void createEmpty(Path partial, Path source) throws IOException {
    if (posix(source)) {
      Files.createFile(partial, PosixFilePermissions.asFileAttribute(
          Files.getPosixFilePermissions(source)));
    } else {
      Files.createFile(partial);
    }
  }

  /**
   * The database's owner, group and permissions, as far as the system allows. Only root may give
   * a file away, and a group can be set only to one of the user's own groups; when the group cannot
   * be copied its permission bits are dropped, so the snapshot is never readable by a group that
   * cannot read the database. The umask may also have narrowed the permissions at creation.
   */
  static void copyAccess(Path source, Path partial) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(partial, PosixFileAttributeView.class);
    if (view == null || !posix(source)) {
      return;
    }
    PosixFileAttributes from = Files.readAttributes(source, PosixFileAttributes.class);
    PosixFileAttributes now = view.readAttributes();
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    permissions.addAll(from.permissions());
    if (!now.owner().equals(from.owner())) {
      tryTo(() -> view.setOwner(from.owner()));
    }
    if (!now.group().equals(from.group()) && !tryTo(() -> view.setGroup(from.group()))) {
      permissions.removeAll(GROUP);
    }
    Files.setPosixFilePermissions(partial, permissions);
  }

  /** SQLite syncs its own writes; this also covers the header rewrite and any platform quirk. */
  static void flush(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  static void flushFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // not every platform can sync a directory; the rename itself has happened
    }
  }

  /** The partial copy and any journal SQLite left beside it. */
  static void deleteQuietly(Path partial) {
    deleteFileQuietly(partial);
    for (String suffix : SIDE_FILES) {
      deleteFileQuietly(partial.resolveSibling(partial.getFileName() + suffix));
    }
  }

  private static void deleteFileQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover hidden .partial file is harmless and never listed as a snapshot
    }
  }

  private static boolean posix(Path file) {
    return Files.getFileAttributeView(file, PosixFileAttributeView.class) != null;
  }

  private interface Attempt {
    void run() throws IOException;
  }

  private static boolean tryTo(Attempt attempt) {
    try {
      attempt.run();
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }
}
