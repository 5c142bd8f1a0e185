package dev.jobdb.snapshot;

import dev.jobdb.db.IntegrityCheck;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * Consistent snapshots of a live database, and restoring one into it.
 *
 * <p>A snapshot is written with {@code VACUUM INTO} (one read transaction, so it is consistent
 * even while the app writes, and it includes pages still in the WAL) to a hidden temporary name,
 * checked, flushed to disk, and then renamed atomically to {@code
 * <database file name>.<yyyyMMdd'T'HHmmssSSS'Z'>.jobdb-snapshot} (UTC), e.g. {@code
 * tracks.db.20260314T101502123Z.jobdb-snapshot}: next to the database, sorted by time, and never
 * mistaken for a database the app opens. It is a standalone database in rollback-journal mode.
 */
public final class Snapshots {
  public static final String SUFFIX = ".jobdb-snapshot";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  private static final int ATTEMPTS = 3;

  private final Clock clock;
  private final Consumer<String> progress;

  public Snapshots() {
    this(Clock.systemUTC(), line -> {});
  }

  /** {@code progress} hears about retries when the app writes while the snapshot is taken. */
  public Snapshots(Clock clock, Consumer<String> progress) {
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * Takes a snapshot of {@code db} into {@code dir} ({@code null}: the database's own folder),
   * checked with the full {@code PRAGMA integrity_check}.
   */
  public SnapshotInfo take(Path db, Path dir, Duration busyTimeout) {
    return take(db, dir, busyTimeout, IntegrityCheck.FULL);
  }

  /**
   * Takes a snapshot checked with {@code check}. VACUUM INTO copies index b-trees as they are, so
   * only {@link IntegrityCheck#FULL} notices an index that disagrees with its table; it also costs
   * most of the time (1M jobs: VACUUM INTO 2.7 s, integrity_check 12-15 s, quick_check 3 s).
   */
  public SnapshotInfo take(Path db, Path dir, Duration busyTimeout, IntegrityCheck check) {
    Path source = requireDatabase(db);
    Path folder = folderFor(source, dir);
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Path target = folder.resolve(nameFor(source, createdAt));
    while (Files.exists(target)) {
      createdAt = createdAt.plusMillis(1);
      target = folder.resolve(nameFor(source, createdAt));
    }
    Path partial = folder.resolve("." + target.getFileName() + ".partial");
    try (Connection c = open(source, busyTimeout)) {
      requireSpace(c, source, folder);
      Long jobs = writeChecked(c, source, partial, check);
      flush(partial);
      copyPermissions(source, partial);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      flushFolder(folder);
      return new SnapshotInfo(target, createdAt, jobs, Files.size(target));
    } catch (SQLException e) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "could not snapshot " + source + ": "
          + oneLine(e.getMessage()) + ": nothing was changed", e);
    } catch (IOException e) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "could not write the snapshot to "
          + folder + ": " + e.getMessage() + ": check the folder or choose another --backup-dir",
          e);
    } finally {
      deleteQuietly(partial);
    }
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
   * (never a file copy over a live database). The target's journal mode stays as it is.
   */
  public void restore(Connection target, Path snapshot) {
    Path file = snapshot.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new JobdbException(ExitCode.USAGE,
          "snapshot not found: " + file + ": check the path");
    }
    try {
      if (!target.getAutoCommit()) {
        throw new IllegalStateException("restore needs a connection without an open transaction");
      }
      List<String> integrity = check(file, IntegrityCheck.FULL);
      if (!integrity.equals(List.of("ok"))) {
        throw new JobdbException(ExitCode.REFUSED, "snapshot " + file + " fails integrity_check ("
            + String.join("; ", integrity.subList(0, Math.min(3, integrity.size())))
            + "): nothing was restored; pick another snapshot");
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
          "restoring " + file + " failed: " + oneLine(e.getMessage()), e);
    }
  }

  /**
   * Writes the snapshot and checks it. Its job count is compared with the source's, read together
   * with {@code PRAGMA data_version}: when no other connection committed between that read and
   * the end of VACUUM INTO, both saw the same database and the counts must be equal. When the app
   * wrote in between, the snapshot is taken again (it is consistent either way, only not
   * comparable).
   */
  private Long writeChecked(Connection c, Path source, Path partial, IntegrityCheck check)
      throws SQLException, IOException {
    for (int attempt = 1; ; attempt++) {
      deleteQuietly(partial);
      createEmpty(partial, source);
      SourceState before = readState(c);
      try (PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
        vacuum.setString(1, partial.toString());
        vacuum.execute();
      }
      long dataVersionAfter = dataVersion(c);
      List<String> integrity = check(partial, check);
      if (!integrity.equals(List.of("ok"))) {
        throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "the snapshot of " + source
            + " fails " + check.pragma() + " (" + integrity.get(0) + "): run PRAGMA"
            + " integrity_check on the database itself; no snapshot was kept");
      }
      Long jobs = jobsIn(partial);
      if (dataVersionAfter == before.dataVersion()) {
        if (!Objects.equals(jobs, before.jobs())) {
          throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "the snapshot of " + source
              + " holds " + jobs + " jobs but the database holds " + before.jobs()
              + ": no snapshot was kept");
        }
        return jobs;
      }
      if (attempt == ATTEMPTS) {
        progress.accept("snapshot: the app kept writing; keeping the snapshot as of its own"
            + " moment (" + jobs + " jobs)");
        return jobs;
      }
      progress.accept("snapshot: the app wrote while the snapshot was taken; taking it again");
    }
  }

  private record SourceState(Long jobs, long dataVersion) {}

  /** Job count and data_version from one read transaction. */
  private static SourceState readState(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      Long jobs = hasJobQueue(s) ? single(s, "SELECT count(*) FROM job_queue") : null;
      return new SourceState(jobs, single(s, "PRAGMA data_version"));
    } finally {
      c.commit();
      c.setAutoCommit(true);
    }
  }

  private static long dataVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      return single(s, "PRAGMA data_version");
    }
  }

  private static boolean hasJobQueue(Statement s) throws SQLException {
    return single(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
        + " AND name = 'job_queue'") == 1;
  }

  private static long single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Integrity of a snapshot file, opened read-only and immutable (no locks, no -shm). */
  private static List<String> check(Path file, IntegrityCheck check) throws SQLException {
    try (Connection c = openImmutable(file); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + check.pragma())) {
      List<String> findings = new ArrayList<>();
      while (rs.next()) {
        findings.add(rs.getString(1));
      }
      return findings;
    }
  }

  private static Long jobsIn(Path file) {
    try (Connection c = openImmutable(file); Statement s = c.createStatement()) {
      return hasJobQueue(s) ? single(s, "SELECT count(*) FROM job_queue") : null;
    } catch (SQLException e) {
      return null;
    }
  }

  private static Connection openImmutable(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    return config.createConnection("jdbc:sqlite:" + file.toUri() + "?immutable=1");
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

  /** The snapshot is at most the database's logical size (file plus WAL, less free pages). */
  private static void requireSpace(Connection c, Path source, Path folder)
      throws SQLException, IOException {
    long needed;
    try (Statement s = c.createStatement()) {
      needed = (single(s, "PRAGMA page_count") - single(s, "PRAGMA freelist_count"))
          * single(s, "PRAGMA page_size");
    }
    FileStore store = Files.getFileStore(folder);
    long free = store.getUsableSpace();
    if (free < needed + needed / 10) {
      throw new JobdbException(ExitCode.REFUSED, "not enough free space in " + folder
          + " for a snapshot of " + source + " (needs about " + mib(needed) + " MiB, "
          + mib(free) + " MiB free): free some space or choose another --backup-dir");
    }
  }

  /** Created with the database's permissions, so the snapshot is never readable by more people. */
  private static void createEmpty(Path partial, Path source) throws IOException {
    if (posix(source)) {
      Files.createFile(partial,
          PosixFilePermissions.asFileAttribute(Files.getPosixFilePermissions(source)));
    } else {
      Files.createFile(partial);
    }
  }

  /** The umask may have narrowed them at creation; set them exactly. */
  private static void copyPermissions(Path source, Path partial) throws IOException {
    if (posix(source)) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(source);
      Files.setPosixFilePermissions(partial, permissions);
    }
  }

  private static boolean posix(Path file) {
    return Files.getFileAttributeView(file, PosixFileAttributeView.class) != null;
  }

  /** VACUUM INTO does not sync its output; the snapshot must be on disk before it is trusted. */
  private static void flush(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  private static void flushFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // not every platform can sync a directory; the rename itself has happened
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover hidden .partial file is harmless and never listed as a snapshot
    }
  }

  private static long mib(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s+", " ").strip();
  }
}
