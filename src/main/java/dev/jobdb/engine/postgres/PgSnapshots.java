package dev.jobdb.engine.postgres;

import dev.jobdb.engine.SnapshotInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseUrl;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/** Takes snapshots of job_queue into local files; {@link PgRestore} puts one back. */
public final class PgSnapshots {
  public static final String SUFFIX = ".jobdb-pg-snapshot";
  static final ObjectMapper JSON = JsonMapper.builder().build();
  static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final Clock clock;

  public PgSnapshots(Clock clock) {
    this.clock = clock;
  }

  /**
   * Copies job_queue's definition and rows, as of one moment, into {@code dir} ({@code null}: the
   * per-user folder of {@link PgSnapshotFolder}): written under a hidden temporary name, its rows
   * counted, then renamed into place. Retention is the caller's, after its change.
   */
  public SnapshotInfo take(Connection c, DatabaseUrl url, Path backupDir) {
    // the name's precision, so that listing the folder later gives the same instant
    java.time.Instant takenAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Path dir = PgSnapshotFolder.of(backupDir);
    Path target = dir.resolve(PgSnapshotFolder.prefix(url) + "."
        + STAMP.format(takenAt) + SUFFIX);
    Path partial = PgSnapshotFolder.partialFor(target);
    PgSnapshotFolder.removeDeadPartials(url, dir);
    try {
      Files.createDirectories(dir);
      boolean autoCommit = c.getAutoCommit();
      // pgjdbc keeps the level for the session: the change after the snapshot must not inherit it
      int isolation = c.getTransactionIsolation();
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        PgStatusColumn table = PgCatalog.read(c, url);
        Map<String, Long> counts = PgJobCounts.byStatus(c, table);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long sequenceValue = 0;
        boolean called = false;
        if (table.sequence() != null) {
          try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
              "SELECT last_value, is_called FROM " + table.sequence())) {
            rs.next();
            sequenceValue = rs.getLong(1);
            called = rs.getBoolean(2);
          }
        }
        Map<String, String> checks = new LinkedHashMap<>();
        for (PgCheck check : table.checks()) {
          checks.put(check.name(), check.definition());
        }
        PgSnapshotHeader header = new PgSnapshotHeader(PgSnapshotHeader.FORMAT, url.display(),
            takenAt.toString(), table.columns(), table.enumType(), table.enumValues(), checks,
            table.sequence(), sequenceValue, called, counts, total, PgHistory.read(c));
        long rows;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
          out.write(JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8));
          out.write('\n');
          rows = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY "
              + table.qualifiedTable() + " (" + columnList(table) + ") TO STDOUT", out);
        }
        if (rows != total) {
          throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "the snapshot copied " + rows
              + " rows, the table holds " + total + ": please report this");
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return new SnapshotInfo(target, takenAt, total, Files.size(target));
      } finally {
        c.rollback();
        c.setTransactionIsolation(isolation);
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "cannot take a snapshot of "
          + url.describe() + ": " + String.valueOf(e.getMessage()).replaceAll("\\s+", " ")
          + ": nothing was changed; check that the server runs and this user may read job_queue"
          + " and its sequence, then run again", e);
    } catch (IOException e) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "cannot write the snapshot " + target
          + ": " + e.getMessage() + "; free disk space or choose --backup-dir", e);
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // best effort: only a partial file of this run
      }
    }
  }

  static String columnList(PgStatusColumn table) {
    return table.columns().stream().map(dev.jobdb.engine.postgres.PgDefinitions::identifier)
        .collect(Collectors.joining(", "));
  }
}
