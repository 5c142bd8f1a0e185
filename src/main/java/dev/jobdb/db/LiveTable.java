package dev.jobdb.db;

import static dev.jobdb.db.SqlQuoting.literal;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the database says about one table right now: everything a rebuild has to carry over and
 * everything the verification compares.
 *
 * @param name the name as stored in {@code sqlite_schema}
 * @param sql the stored CREATE TABLE text
 * @param rowidName how to address the row ids that must be copied explicitly ({@code rowid},
 *     {@code _rowid_} or {@code oid}); {@code null} when an INTEGER PRIMARY KEY column carries
 *     them or the table is WITHOUT ROWID
 * @param columns as {@code PRAGMA table_xinfo} lists them
 * @param indexes index definitions written by someone (automatic ones have no SQL), schema order
 * @param triggers trigger definitions on the table, schema order
 * @param autoIndexes names of the indexes SQLite made for PRIMARY KEY and UNIQUE constraints
 * @param referencingTables other tables whose foreign keys point at this one
 * @param sequence the AUTOINCREMENT counter, {@code null} when there is none
 * @param statistics {@code sqlite_stat1}/{@code sqlite_stat4} rows for the table, as INSERTs
 */
public record LiveTable(
    String name,
    String sql,
    boolean withoutRowid,
    String rowidName,
    List<ColumnInfo> columns,
    List<SchemaEntry> indexes,
    List<SchemaEntry> triggers,
    List<String> autoIndexes,
    List<String> referencingTables,
    Long sequence,
    List<String> statistics) {

  public static LiveTable read(SqlRunner sql, String requestedName, StatementKind kind)
      throws SQLException {
    String name = storedName(sql, requestedName, kind);
    String q = literal(name);
    String createSql = sql.queryStrings(kind,
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = " + q).get(0);
    boolean withoutRowid = sql.query(kind,
        "SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = " + q,
        rs -> rs.getInt(1) == 1).get(0);
    List<ColumnInfo> columns = TableChecks.columns(sql, name, kind);
    List<SchemaEntry> dependents = sql.query(kind,
        "SELECT type, name, tbl_name, sql FROM sqlite_schema"
            + " WHERE type IN ('index', 'trigger') AND tbl_name = " + q + " ORDER BY rowid",
        rs -> new SchemaEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    List<String> referencing = sql.queryStrings(kind,
        "SELECT DISTINCT m.name FROM sqlite_schema AS m, pragma_foreign_key_list(m.name) AS f"
            + " WHERE m.type = 'table' AND f.\"table\" = " + q + " COLLATE NOCASE AND m.name <> "
            + q + " ORDER BY m.name");
    Set<String> internalTables = new TreeSet<>(sql.queryStrings(kind,
        "SELECT name FROM sqlite_schema WHERE type = 'table'"
            + " AND name IN ('sqlite_sequence', 'sqlite_stat1', 'sqlite_stat4')"));
    Long sequence = null;
    if (internalTables.contains("sqlite_sequence")) {
      List<Long> seq = sql.query(kind,
          "SELECT seq FROM sqlite_sequence WHERE name = " + q, rs -> rs.getLong(1));
      sequence = seq.isEmpty() ? null : seq.get(0);
    }
    return new LiveTable(
        name,
        createSql,
        withoutRowid,
        withoutRowid ? null : rowidName(sql, name, columns, kind),
        columns,
        dependents.stream().filter(e -> e.type().equals("index") && e.sql() != null).toList(),
        dependents.stream().filter(e -> e.type().equals("trigger")).toList(),
        dependents.stream().filter(e -> e.type().equals("index") && e.sql() == null)
            .map(SchemaEntry::name).toList(),
        referencing,
        sequence,
        statistics(sql, name, internalTables, kind));
  }

  /** The columns whose values are stored (generated ones are computed again by the new table). */
  public List<String> storedColumns() {
    return columns.stream().filter(c -> !c.generated()).map(ColumnInfo::name).toList();
  }

  boolean hasColumn(String column) {
    return columns.stream().anyMatch(c -> SqlQuoting.sameName(c.name(), column));
  }

  private static String storedName(SqlRunner sql, String requestedName, StatementKind kind)
      throws SQLException {
    List<String[]> found = sql.query(kind,
        "SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND name = "
            + literal(requestedName) + " COLLATE NOCASE",
        rs -> new String[] {rs.getString(1), rs.getString(2)});
    if (found.isEmpty()) {
      throw new JobdbException(ExitCode.DATABASE_UNUSABLE,
          "no table " + requestedName + " in the database: check the path, --db or DB_PATH");
    }
    if (!found.get(0)[1].equals("table")) {
      throw new JobdbException(ExitCode.REFUSED,
          requestedName + " is a " + found.get(0)[1] + ", not an ordinary table: it cannot be"
              + " rebuilt; nothing was changed");
    }
    return found.get(0)[0];
  }

  /**
   * A rowid table keeps its row ids only if they are copied: through the INTEGER PRIMARY KEY
   * column when there is one (SQLite then makes no index for the primary key), else explicitly.
   */
  private static String rowidName(
      SqlRunner sql, String name, List<ColumnInfo> columns, StatementKind kind)
      throws SQLException {
    long primaryKeyColumns = columns.stream().filter(c -> c.primaryKey() > 0).count();
    boolean primaryKeyIndex = !sql.queryStrings(kind,
        "SELECT name FROM pragma_index_list(" + literal(name) + ") WHERE origin = 'pk'")
        .isEmpty();
    if (primaryKeyColumns == 1 && !primaryKeyIndex) {
      return null;
    }
    for (String candidate : List.of("rowid", "_rowid_", "oid")) {
      if (columns.stream().noneMatch(c -> SqlQuoting.sameName(c.name(), candidate))) {
        return candidate;
      }
    }
    throw new JobdbException(ExitCode.REFUSED,
        "columns named rowid, _rowid_ and oid hide the row ids of " + name
            + ", so a rebuild could not keep them; nothing was changed");
  }

  private static List<String> statistics(
      SqlRunner sql, String name, Set<String> internalTables, StatementKind kind)
      throws SQLException {
    String q = literal(name);
    List<String> inserts = new ArrayList<>();
    if (internalTables.contains("sqlite_stat1")) {
      inserts.addAll(sql.queryStrings(kind,
          "SELECT 'INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (' || quote(tbl) || ', '"
              + " || quote(idx) || ', ' || quote(stat) || ')' FROM sqlite_stat1 WHERE tbl = " + q
              + " ORDER BY rowid"));
    }
    if (internalTables.contains("sqlite_stat4")) {
      inserts.addAll(sql.queryStrings(kind,
          "SELECT 'INSERT INTO sqlite_stat4 (tbl, idx, neq, nlt, ndlt, sample) VALUES ('"
              + " || quote(tbl) || ', ' || quote(idx) || ', ' || quote(neq) || ', '"
              + " || quote(nlt) || ', ' || quote(ndlt) || ', ' || quote(sample) || ')'"
              + " FROM sqlite_stat4 WHERE tbl = " + q + " ORDER BY rowid"));
    }
    return List.copyOf(inserts);
  }
}
