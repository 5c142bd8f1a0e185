package dev.jobdb.engine.postgres;

import static dev.jobdb.engine.postgres.PgDefinitions.identifier;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseUrl;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Puts a snapshot back into job_queue in one transaction: lock the table (under lock_timeout),
 * empty it, COPY the rows in, put the status CHECKs and the sequence value back, compare the
 * counts per status with the snapshot's, commit. Any difference or failure rolls everything back.
 * The app's writes wait while it runs: restore is for putting things right, not an online change.
 */
public final class PgRestore {
  private final Duration lockTimeout;

  public PgRestore(Duration lockTimeout) {
    this.lockTimeout = lockTimeout;
  }

  /** @return the counts per status the table holds again */
  public Map<String, Long> restore(Connection c, DatabaseUrl url, Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      PgSnapshotHeader header = readHeader(in, file);
      c.setAutoCommit(false);
      try {
        Map<String, Long> counts = restore(c, url, header, in, file);
        c.commit();
        return counts;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (IOException e) {
      throw new JobdbException(ExitCode.USAGE, "cannot read the snapshot " + file + ": "
          + e.getMessage() + "; check --from", e);
    } catch (SQLException e) {
      if (Postgres.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
        throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "gave up: job_queue stayed locked"
            + " by another transaction for " + lockTimeout.toMillis() + " ms. Nothing was"
            + " changed. Run again when it is over", e);
      }
      throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "restore failed and was rolled back,"
          + " job_queue is unchanged: " + e.getMessage().replaceAll("\\s+", " "), e);
    }
  }

  private Map<String, Long> restore(Connection c, DatabaseUrl url, PgSnapshotHeader header,
      InputStream rows, Path file) throws SQLException, IOException {
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'");
      s.execute("LOCK TABLE " + PgCatalog.TABLE + " IN ACCESS EXCLUSIVE MODE");
    }
    PgStatusColumn table = PgCatalog.read(c, url);
    if (!table.columns().equals(header.columns())) {
      throw new JobdbException(ExitCode.REFUSED, "refused: the snapshot " + file + " has columns "
          + header.columns() + ", job_queue now has " + table.columns() + ". Nothing was"
          + " changed: restore it into a database with the same columns");
    }
    try (Statement s = c.createStatement()) {
      for (String value : header.enumValues()) {
        if (table.isEnum() && !table.enumValues().contains(value)) {
          throw new JobdbException(ExitCode.REFUSED, "refused: the snapshot's status " + value
              + " is not in enum type " + table.enumType() + " any more. Nothing was changed:"
              + " run migrate up first");
        }
      }
      for (PgCheck check : table.checks()) {
        if (check.statusOnly()) {
          s.execute("ALTER TABLE " + table.qualifiedTable() + " DROP CONSTRAINT "
              + identifier(check.name()));
        }
      }
      s.execute("TRUNCATE " + table.qualifiedTable());
    }
    c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table.qualifiedTable() + " ("
        + PgSnapshots.columnList(table) + ") FROM STDIN", rows);
    try (Statement s = c.createStatement()) {
      for (Map.Entry<String, String> check : header.checks().entrySet()) {
        boolean wasStatusOnly = table.checks().stream().anyMatch(
            ch -> ch.name().equals(check.getKey()) && ch.statusOnly())
            || table.checks().stream().noneMatch(ch -> ch.name().equals(check.getKey()));
        if (wasStatusOnly) {
          s.execute("ALTER TABLE " + table.qualifiedTable() + " ADD CONSTRAINT "
              + identifier(check.getKey()) + " " + check.getValue());
        }
      }
      if (header.sequence() != null && table.sequence() != null) {
        s.execute("SELECT setval('" + table.sequence().replace("'", "''") + "', "
            + header.sequenceValue() + ", " + header.sequenceCalled() + ")");
      }
    }
    PgHistory.replace(c, header.history());
    Map<String, Long> counts = PgJobCounts.byStatus(c, PgCatalog.read(c, url));
    if (!counts.equals(header.countsByStatus())) {
      throw new JobdbException(ExitCode.FAILED_ROLLED_BACK, "restore would leave "
          + PgJobCounts.describe(counts) + ", the snapshot holds "
          + PgJobCounts.describe(header.countsByStatus()) + "; rolled back, job_queue is"
          + " unchanged");
    }
    return counts;
  }

  /** The JSON line before the rows; the stream is left at the first row. */
  static PgSnapshotHeader readHeader(InputStream in, Path file) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0 || line.size() > 1 << 20) {
        throw notASnapshot(file);
      }
      line.write(b);
    }
    PgSnapshotHeader header;
    try {
      header = PgSnapshots.JSON.readValue(line.toString(StandardCharsets.UTF_8),
          PgSnapshotHeader.class);
    } catch (IOException e) {
      throw notASnapshot(file);
    }
    if (!PgSnapshotHeader.FORMAT.equals(header.format())) {
      throw notASnapshot(file);
    }
    return header;
  }

  private static JobdbException notASnapshot(Path file) {
    return new JobdbException(ExitCode.USAGE, file + " is not a jobdb PostgreSQL snapshot:"
        + " pass --from a file named *" + PgSnapshots.SUFFIX);
  }
}
