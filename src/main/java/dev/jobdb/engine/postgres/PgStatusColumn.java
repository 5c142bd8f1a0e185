package dev.jobdb.engine.postgres;

import java.util.List;

/**
 * job_queue and its status column, read from the catalogs.
 *
 * @param tableOid the table's oid
 * @param qualifiedTable schema-qualified and quoted, ready for SQL
 * @param columns every column, in order
 * @param indexes every index name on the table
 * @param statusType the status column's type as {@code format_type} prints it; null without one
 * @param enumType the native enum type of the status column (quoted, schema-qualified), or null
 * @param enumValues its labels in {@code enumsortorder}; empty for a non-enum column
 * @param checks every CHECK that reads status
 * @param sequence the sequence behind id (quoted, schema-qualified), or null
 */
public record PgStatusColumn(
    long tableOid,
    String qualifiedTable,
    List<String> columns,
    List<String> indexes,
    String statusType,
    String enumType,
    List<String> enumValues,
    List<PgCheck> checks,
    String sequence) {
  public PgStatusColumn {
    columns = List.copyOf(columns);
    indexes = List.copyOf(indexes);
    enumValues = List.copyOf(enumValues);
    checks = List.copyOf(checks);
  }

  public boolean hasStatus() {
    return statusType != null;
  }

  public boolean isEnum() {
    return enumType != null;
  }
}
