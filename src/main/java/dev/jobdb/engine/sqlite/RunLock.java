package dev.jobdb.engine.sqlite;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps two jobdb processes off one database: an OS lock on {@code <database>.jobdb.lock} beside
 * it, held until {@link #close()} or the process dies (the OS releases it even after SIGKILL).
 *
 * <p>The database file itself is never locked: SQLite's own locks are POSIX locks on it, and a
 * process closing any descriptor of a file drops all its POSIX locks on that file. The lock file
 * holds the holder's pid, command and start time, so the second jobdb can say who is working. It
 * stays after release (empty): deleting it would let two processes lock two different files.
 */
public final class RunLock implements AutoCloseable {
  public static final String SUFFIX = ".jobdb.lock";

  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path lockFile, FileChannel channel, FileLock lock) {
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock for {@code db} at once, or fails naming the holder.
   *
   * @param command what this jobdb is doing, e.g. {@code migrate up}
   * @throws JobdbException {@link ExitCode#DATABASE_UNUSABLE} when another jobdb holds it or the
   *     lock file cannot be created
   */
  public static RunLock acquire(Path db, String command) {
    Path database = db.toAbsolutePath().normalize();
    Path lockFile = lockFileFor(database);
    FileChannel channel = null;
    try {
      createWithPermissionsOf(database, lockFile);
      channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very process, through another channel
      }
      if (lock == null) {
        String holder = describeHolder(channel);
        throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "another jobdb (" + holder
            + ") is working on " + database + ": wait for it to finish");
      }
      writeHolder(channel, command);
      return new RunLock(lockFile, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "cannot lock " + lockFile + ": "
          + e.getMessage() + ": jobdb needs write access to the database's folder", e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  public static Path lockFileFor(Path db) {
    Path database = db.toAbsolutePath().normalize();
    return database.resolveSibling(database.getFileName() + SUFFIX);
  }

  public Path lockFile() {
    return lockFile;
  }

  @Override
  public void close() {
    try {
      channel.truncate(0);
    } catch (IOException e) {
      // the holder line only informs; the lock itself is what matters
    }
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel below releases it as well
    }
    closeQuietly(channel);
  }

  private static void createWithPermissionsOf(Path database, Path lockFile) throws IOException {
    boolean posix = Files.getFileAttributeView(database, PosixFileAttributeView.class) != null
        && Files.exists(database);
    try {
      if (posix) {
        var permissions = Files.getPosixFilePermissions(database);
        Files.createFile(lockFile, PosixFilePermissions.asFileAttribute(permissions));
        Files.setPosixFilePermissions(lockFile, permissions);
      } else {
        Files.createFile(lockFile);
      }
    } catch (FileAlreadyExistsException e) {
      // left by an earlier run; locks are on the open file, not on its existence
    }
  }

  private static void writeHolder(FileChannel channel, String command) throws IOException {
    String holder = "pid=" + ProcessHandle.current().pid() + "\ncommand=" + command.strip()
        + "\nsince=" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n";
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(false);
  }

  /** E.g. {@code pid 4242, migrate up, since 2026-03-14T10:15:02Z}. */
  private static String describeHolder(FileChannel channel) {
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    try {
      channel.read(buffer, 0);
    } catch (IOException e) {
      // Windows locks are mandatory: the holder's lines cannot be read while it holds them.
      return "holder unknown: its lock file cannot be read while held";
    }
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    if (!fields.containsKey("pid")) {
      return "pid unknown, just starting";
    }
    return "pid " + fields.get("pid") + ", " + fields.getOrDefault("command", "?") + ", since "
        + fields.getOrDefault("since", "?");
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing useful to do
    }
  }
}
