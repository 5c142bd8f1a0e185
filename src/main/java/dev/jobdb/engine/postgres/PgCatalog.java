package dev.jobdb.engine.postgres;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads job_queue through PostgreSQL's catalogs; only SELECTs, so it works read-only. */
public final class PgCatalog {
  public static final String TABLE = "job_queue";
  public static final String STATUS = "status";

  /**
   * What PostgreSQL stores for {@code status IN ('a', 'b')}: {@code (status = ANY (ARRAY['a'::text,
   * 'b'::text]))}, with casts around status and the array for varchar columns; a one-value list
   * becomes {@code (status = 'a'::text)}.
   */
  private static final Pattern LIST = Pattern.compile(
      "^\\(*status\\)?(?:::[a-z ]+)?\\s*=\\s*(?:ANY\\s*\\(\\(?ARRAY\\[(.*)\\]\\)?(?:::[a-z ]+\\[\\])?\\)"
          + "|('(?:[^']|'')*'(?:::[a-z ]+)?))\\)*$",
      Pattern.DOTALL);

  private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");

  private PgCatalog() {}

  /** @throws JobdbException exit 3 when the database has no job_queue table */
  public static PgStatusColumn read(Connection c, DatabaseUrl url) throws SQLException {
    long oid;
    String qualified;
    try (PreparedStatement q = c.prepareStatement(
        "SELECT c.oid, format('%I.%I', n.nspname, c.relname), c.relkind FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.oid = to_regclass(?)")) {
      q.setString(1, TABLE);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          throw noTable(c, url);
        }
        if (!"r".equals(rs.getString(3)) && !"p".equals(rs.getString(3))) {
          throw new JobdbException(ExitCode.DATABASE_UNUSABLE, "job_queue is not a table in "
              + url.describe() + ": this is not the app's database; check --db-url or DATABASE_URL");
        }
        oid = rs.getLong(1);
        qualified = rs.getString(2);
      }
    }
    List<String> columns = new ArrayList<>();
    String statusType = null;
    String enumType = null;
    int statusNumber = 0;
    try (PreparedStatement q = c.prepareStatement(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnum,"
            + " CASE WHEN t.typtype = 'e' THEN format('%I.%I', tn.nspname, t.typname) END"
            + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
            + " JOIN pg_namespace tn ON tn.oid = t.typnamespace"
            + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
      q.setLong(1, oid);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
          if (rs.getString(1).equals(STATUS)) {
            statusType = rs.getString(2);
            statusNumber = rs.getInt(3);
            enumType = rs.getString(4);
          }
        }
      }
    }
    List<String> enumValues = new ArrayList<>();
    if (enumType != null) {
      try (PreparedStatement q = c.prepareStatement(
          "SELECT enumlabel FROM pg_enum WHERE enumtypid = ?::regtype ORDER BY enumsortorder")) {
        q.setString(1, enumType);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            enumValues.add(rs.getString(1));
          }
        }
      }
    }
    return new PgStatusColumn(oid, qualified, columns, indexes(c, oid), statusType, enumType,
        enumValues, checks(c, oid, statusNumber), sequence(c, qualified));
  }

  private static List<String> indexes(Connection c, long oid) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(
        "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
            + " WHERE x.indrelid = ? ORDER BY 1")) {
      q.setLong(1, oid);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  private static List<PgCheck> checks(Connection c, long oid, int statusNumber)
      throws SQLException {
    List<PgCheck> checks = new ArrayList<>();
    if (statusNumber == 0) {
      return checks;
    }
    try (PreparedStatement q = c.prepareStatement(
        "SELECT conname, pg_get_constraintdef(oid), pg_get_expr(conbin, conrelid), convalidated,"
            + " conkey = ARRAY[?]::smallint[] FROM pg_constraint"
            + " WHERE conrelid = ? AND contype = 'c' AND ? = ANY (conkey) ORDER BY conname")) {
      q.setInt(1, statusNumber);
      q.setLong(2, oid);
      q.setInt(3, statusNumber);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          String expression = rs.getString(3);
          boolean statusOnly = rs.getBoolean(5);
          checks.add(new PgCheck(rs.getString(1), rs.getString(2), expression,
              rs.getBoolean(4), statusOnly, statusOnly ? listedValues(expression) : null));
        }
      }
    }
    return checks;
  }

  /** The literals of a plain list CHECK, or null for any other form. */
  static List<String> listedValues(String expression) {
    Matcher m = LIST.matcher(expression.strip());
    if (!m.matches()) {
      return null;
    }
    String literals = m.group(1) != null ? m.group(1) : m.group(2);
    List<String> values = new ArrayList<>();
    Matcher literal = LITERAL.matcher(literals);
    while (literal.find()) {
      values.add(literal.group(1).replace("''", "'"));
    }
    return values;
  }

  private static String sequence(Connection c, String qualified) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT pg_get_serial_sequence(?, 'id')")) {
      q.setString(1, qualified);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      return null; // no id column
    }
  }

  /**
   * Asks PostgreSQL whether a row with this status passes the CHECK (true or NULL passes); empty
   * when the expression cannot be evaluated on the status alone.
   */
  public static Optional<Boolean> allows(Connection c, PgStatusColumn table, PgCheck check,
      String status) {
    if (!check.statusOnly()) {
      return Optional.empty();
    }
    String sql = "SELECT coalesce((" + check.expression() + "), true) FROM (SELECT CAST(? AS "
        + table.statusType() + ") AS status) AS job_queue";
    Savepoint savepoint = null;
    try {
      if (!c.getAutoCommit()) {
        savepoint = c.setSavepoint();
      }
      try (PreparedStatement q = c.prepareStatement(sql)) {
        q.setString(1, status);
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          return Optional.of(rs.getBoolean(1));
        }
      } finally {
        if (savepoint != null) {
          c.rollback(savepoint);
        }
      }
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  private static JobdbException noTable(Connection c, DatabaseUrl url) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(
        "SELECT relname FROM pg_class WHERE relkind IN ('r', 'p', 'v')"
            + " AND relnamespace = ANY (current_schemas(false)::regnamespace[]) ORDER BY 1 LIMIT 11")) {
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    String seen = tables.isEmpty() ? "it has no tables"
        : "its tables: " + String.join(", ", tables.subList(0, Math.min(10, tables.size())))
            + (tables.size() > 10 ? ", ..." : "");
    return new JobdbException(ExitCode.DATABASE_UNUSABLE, "no job_queue table in "
        + url.describe() + " (" + seen + "): this is not the app's database; point --db-url or"
        + " DATABASE_URL at the app's database");
  }
}
