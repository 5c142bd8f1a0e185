package dev.jobdb.engine.sqlite.snapshot;

import dev.jobdb.engine.SnapshotInfo;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * Consistent snapshots of a live database, and restoring one into it.
 *
 * <p>A snapshot is a page-for-page copy made with SQLite's backup API inside one read transaction
 * ({@link PageCopy}: consistent while the app writes, pages still in the WAL included), written to
 * a hidden temporary name, switched to a rollback journal, checked ({@link CopyCheck}), given the
 * database's owner and permissions, flushed to disk and renamed atomically to {@code
 * <database file name>.<yyyyMMdd'T'HHmmssSSS'Z'>.jobdb-snapshot} (UTC), e.g. {@code
 * tracks.db.20260314T101502123Z.jobdb-snapshot}: next to the database, sorted by time, and never
 * mistaken for a database the app opens.
 */
public final class Snapshots {
  public static final String SUFFIX = ".jobdb-snapshot";
  /** A snapshot that takes longer than this reports its progress in percent. */
  public static final Duration QUIET_FOR = Duration.ofSeconds(2);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final Consumer<String> progress;
  private final Duration quietFor;

  public Snapshots() {
    this(Clock.systemUTC(), line -> {});
  }

  /** {@code progress} hears how far a copy has come once it takes longer than 2 s. */
  public Snapshots(Clock clock, Consumer<String> progress) {
    this(clock, progress, QUIET_FOR);
  }

  public Snapshots(Clock clock, Consumer<String> progress, Duration quietFor) {
    this.clock = clock;
    this.progress = progress;
    this.quietFor = quietFor;
  }

  /** Like {@link #take}, on a thread of its own: the caller may prepare its change meanwhile. */
  public PendingSnapshot start(Path db, Path dir, Duration busyTimeout) {
    return PendingSnapshot.start(() -> take(db, dir, busyTimeout));
  }

  /** Takes a snapshot of {@code db} into {@code dir} ({@code null}: the database's own folder). */
  public SnapshotInfo take(Path db, Path dir, Duration busyTimeout) {
    Path source = requireDatabase(db);
    Path folder = folderFor(source, dir);
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Path target = folder.resolve(nameFor(source, createdAt));
    while (Files.exists(target)) {
      createdAt = createdAt.plusMillis(1);
      target = folder.resolve(nameFor(source, createdAt));
    }
    Path partial = PartialLeftovers.partialFor(target);
    for (Path leftover : PartialLeftovers.removeDead(folder, source.getFileName().toString(),
        SUFFIX)) {
      progress.accept("snapshot: removed " + leftover + ", left by a run that was killed while"
          + " taking a snapshot");
    }
    try {
      SnapshotFiles.createEmpty(partial, source);
      DatabaseState copied;
      try (Connection c = open(source, busyTimeout)) {
        copied = PageCopy.copy(c, partial, new CopyProgress(progress, quietFor, System::nanoTime),
            state -> requireSpace(state, source, folder));
      }
      PageCopy.toRollbackJournal(partial);
      List<String> problems = CopyCheck.problems(partial, copied);
      if (!problems.isEmpty()) {
        throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "the snapshot of " + source
            + " does not match the database: " + String.join("; ", problems)
            + ": no snapshot was kept; check the disk and run PRAGMA integrity_check on the"
            + " database");
      }
      SnapshotFiles.flush(partial);
      SnapshotFiles.copyAccess(source, partial);
      SnapshotChecksum.record(partial);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      SnapshotFiles.flushFolder(folder);
      return new SnapshotInfo(target, createdAt, copied.jobs(), Files.size(target));
    } catch (SQLException e) {
      if (writeFailed(e)) {
        throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "could not write the snapshot to "
            + folder + ": the disk is full or the file too large (" + CopyCheck.oneLine(
                e.getMessage()) + "): nothing was changed; free disk space or choose another"
            + " --backup-dir", e);
      }
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "could not snapshot " + source + ": "
          + CopyCheck.oneLine(e.getMessage()) + ": nothing was changed", e);
    } catch (IOException e) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "could not write the snapshot to "
          + folder + ": " + e.getMessage() + ": check the folder or choose another --backup-dir",
          e);
    } finally {
      SnapshotFiles.deleteQuietly(partial);
    }
  }

  /** SQLITE_FULL or SQLITE_IOERR from the copy: what writing to a full disk gives. */
  private static boolean writeFailed(SQLException e) {
    int code = e.getErrorCode() & 0xff;
    return code == SQLiteErrorCode.SQLITE_FULL.code || code == SQLiteErrorCode.SQLITE_IOERR.code;
  }

  /** The snapshots of {@code db} in {@code dir} ({@code null}: its folder), newest first. */
  public List<SnapshotInfo> list(Path db, Path dir) {
    Path source = db.toAbsolutePath().normalize();
    Path folder = dir == null ? source.getParent() : dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    Pattern name = Pattern.compile(Pattern.quote(source.getFileName().toString())
        + "\\.(\\d{8}T\\d{9}Z)" + Pattern.quote(SUFFIX));
    List<SnapshotInfo> snapshots = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Matcher m = name.matcher(file.getFileName().toString());
        if (m.matches() && Files.isRegularFile(file)) {
          snapshots.add(new SnapshotInfo(file, STAMP.parse(m.group(1), Instant::from),
              jobsIn(file), Files.size(file)));
        }
      }
    } catch (IOException e) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE,
          "cannot list snapshots in " + folder + ": " + e.getMessage(), e);
    }
    snapshots.sort(Comparator.comparing(SnapshotInfo::createdAt).reversed());
    return List.copyOf(snapshots);
  }

  /**
   * Replaces the content of {@code target}'s database with the snapshot through SQLite's backup
   * API, which takes the database's write lock and is safe while other connections have it open
   * (never a file copy over a live database). The target's journal mode stays as it is. The
   * snapshot gets the full {@code PRAGMA integrity_check} first: a restore is rare, and it is the
   * moment a damaged snapshot would do harm.
   */
  public void restore(Connection target, Path snapshot) {
    verify(snapshot);
    restoreVerified(target, snapshot);
  }

  /** How a snapshot about to be restored was verified. */
  public enum Verification {
    /** Taken and checked by jobdb, and its bytes match the checksum recorded then. */
    CHECKSUM,
    /** The full {@code PRAGMA integrity_check}. */
    INTEGRITY_CHECK
  }

  /**
   * The one check of a snapshot about to be restored, before anything is written: a snapshot jobdb
   * took and checked, whose bytes still match the checksum recorded then, is the file that was
   * checked; any other file (from elsewhere, or changed since) gets the full {@code PRAGMA
   * integrity_check}.
   */
  public Verification verify(Path snapshot) {
    Path file = existing(snapshot);
    if (SnapshotChecksum.unchanged(file)) {
      return Verification.CHECKSUM;
    }
    try {
      List<String> integrity = integrityCheck(file);
      if (!integrity.equals(List.of("ok"))) {
        throw new JobdbException(ExitCode.REFUSED, "snapshot " + file + " fails integrity_check ("
            + String.join("; ", integrity.subList(0, Math.min(3, integrity.size())))
            + "): nothing was restored; pick another snapshot");
      }
      return Verification.INTEGRITY_CHECK;
    } catch (SQLException e) {
      throw new JobdbException(ExitCode.REFUSED, "snapshot " + file + " cannot be read: "
          + CopyCheck.oneLine(e.getMessage()) + ": nothing was restored; pick another snapshot",
          e);
    }
  }

  /**
   * Puts back a snapshot {@link #verify} has passed. SQLite's backup API copies its pages as they
   * are, so the restored database needs no second integrity_check: the caller compares the jobs.
   */
  public void restoreVerified(Connection target, Path snapshot) {
    Path file = existing(snapshot);
    try {
      if (!target.getAutoCommit()) {
        throw new IllegalStateException("restore needs a connection without an open transaction");
      }
      int rc = target.unwrap(SQLiteConnection.class).getDatabase()
          .restore("main", file.toString(), null);
      if (rc != 0) {
        throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "restoring " + file
            + " failed (SQLite result code " + rc + "): the database is unchanged; if it is busy,"
            + " stop the app's workers and retry");
      }
    } catch (SQLException e) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE,
          "restoring " + file + " failed: " + CopyCheck.oneLine(e.getMessage()), e);
    }
  }

  private static Path existing(Path snapshot) {
    Path file = snapshot.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new JobdbException(ExitCode.USAGE,
          "snapshot not found: " + file + ": check the path");
    }
    return file;
  }

  private static List<String> integrityCheck(Path file) throws SQLException {
    try (Connection c = CopyCheck.openImmutable(file); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      List<String> findings = new ArrayList<>();
      while (rs.next()) {
        findings.add(rs.getString(1));
      }
      return findings;
    }
  }

  /** Only job_queue is counted: listing many snapshots of a large database stays quick. */
  private static Long jobsIn(Path file) {
    try (Connection c = CopyCheck.openImmutable(file); Statement s = c.createStatement();
        ResultSet tables = s.executeQuery("SELECT count(*) FROM sqlite_schema"
            + " WHERE type = 'table' AND name = '" + DatabaseState.JOB_QUEUE + "'")) {
      if (!tables.next() || tables.getLong(1) == 0) {
        return null;
      }
      try (Statement count = c.createStatement();
          ResultSet rs = count.executeQuery("SELECT count(*) FROM " + DatabaseState.JOB_QUEUE)) {
        return rs.next() ? rs.getLong(1) : null;
      }
    } catch (SQLException e) {
      return null;
    }
  }

  private static Connection open(Path source, Duration busyTimeout) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout((int) busyTimeout.toMillis());
    return config.createConnection("jdbc:sqlite:" + source);
  }

  private static Path requireDatabase(Path db) {
    Path source = db.toAbsolutePath().normalize();
    if (!Files.isRegularFile(source)) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE,
          "database not found: " + source + ": check the path, --db or DB_PATH");
    }
    return source;
  }

  private static Path folderFor(Path source, Path dir) {
    Path folder = dir == null ? source.getParent() : dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(folder)) {
      throw new JobdbException(ExitCode.USAGE, "backup folder does not exist: " + folder
          + ": create it or choose another --backup-dir");
    }
    if (!Files.isWritable(folder)) {
      throw new JobdbException(ExitCode.USAGE, "cannot write to the backup folder " + folder
          + ": check its permissions or choose another --backup-dir");
    }
    return folder;
  }

  static String nameFor(Path source, Instant createdAt) {
    return source.getFileName() + "." + STAMP.format(createdAt) + SUFFIX;
  }

  /** A page copy is as large as the database: free pages are copied too. */
  private static void requireSpace(DatabaseState state, Path source, Path folder) {
    long free;
    try {
      FileStore store = Files.getFileStore(folder);
      free = store.getUsableSpace();
    } catch (IOException e) {
      return; // the copy itself will say what is wrong with the folder
    }
    long needed = state.bytes();
    if (free < needed + needed / 10) {
      throw new JobdbException(ExitCode.REFUSED, "not enough free space in " + folder
          + " for a snapshot of " + source + " (needs about " + mib(needed) + " MiB, "
          + mib(free) + " MiB free): free some space or choose another --backup-dir");
    }
  }

  static long mib(long bytes) {
    return SnapshotInfo.mib(bytes);
  }
}
