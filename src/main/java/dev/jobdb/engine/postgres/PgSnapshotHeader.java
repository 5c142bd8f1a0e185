package dev.jobdb.engine.postgres;

import java.util.List;
import java.util.Map;

/**
 * The first line of a PostgreSQL snapshot file (JSON); the rows follow in COPY's text format.
 *
 * @param format always {@link #FORMAT}
 * @param database where it was taken (no password)
 * @param columns job_queue's columns, in the order the rows are copied
 * @param enumType the status column's enum type, or null
 * @param enumValues its labels, in sort order
 * @param checks the status CHECKs: name → definition as pg_get_constraintdef prints it
 * @param sequence the sequence behind id, or null
 * @param sequenceValue its last_value
 * @param sequenceCalled its is_called
 * @param countsByStatus rows per status, as restore must find them again
 * @param history Liquibase's DATABASECHANGELOG rows (as JSON objects, in order), so that a restore
 *     puts the record of what was applied back with the table; empty when there was none yet,
 *     null in a snapshot taken by jobdb 1
 */
public record PgSnapshotHeader(
    String format,
    String database,
    String takenAt,
    List<String> columns,
    String enumType,
    List<String> enumValues,
    Map<String, String> checks,
    String sequence,
    long sequenceValue,
    boolean sequenceCalled,
    Map<String, Long> countsByStatus,
    long total,
    List<String> history) {
  public static final String FORMAT = "jobdb-postgresql-snapshot/1";
}
