package dev.jobdb.engine.postgres;

import static dev.jobdb.engine.postgres.PgDefinitions.identifier;
import static dev.jobdb.engine.postgres.PgDefinitions.literals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Narrows a native enum type, which PostgreSQL cannot do in place: a new type with the wanted
 * labels, the column converted to it (a rewrite of job_queue and its indexes under ACCESS
 * EXCLUSIVE, the cost the user accepted with --rewrite-enum), the old type dropped and the new one
 * renamed to its name, the column's default put back. One transaction: all or nothing.
 */
final class EnumRewrite {
  private final LockedSteps steps;
  private final List<String> notes;

  EnumRewrite(LockedSteps steps, List<String> notes) {
    this.steps = steps;
    this.notes = notes;
  }

  void narrow(PgStatusColumn table, List<String> values, List<String> remaps,
      Connection c) throws SQLException {
    String schema;
    String name;
    try (PreparedStatement q = c.prepareStatement("SELECT n.nspname, t.typname FROM pg_type t"
        + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = ?::regtype")) {
      q.setString(1, table.enumType());
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        schema = rs.getString(1);
        name = rs.getString(2);
      }
    }
    String defaultExpression = null;
    try (PreparedStatement q = c.prepareStatement("SELECT pg_get_expr(d.adbin, d.adrelid)"
        + " FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid"
        + " AND a.attnum = d.adnum WHERE d.adrelid = ? AND a.attname = 'status'")) {
      q.setLong(1, table.tableOid());
      try (ResultSet rs = q.executeQuery()) {
        if (rs.next()) {
          defaultExpression = rs.getString(1);
        }
      }
    }
    String newType = identifier(schema) + "." + identifier(name + "_jobdb_new");
    String t = table.qualifiedTable();
    List<String> sql = new ArrayList<>(remaps);
    sql.add("CREATE TYPE " + newType + " AS ENUM (" + literals(values) + ")");
    if (defaultExpression != null) {
      sql.add("ALTER TABLE " + t + " ALTER COLUMN status DROP DEFAULT");
    }
    sql.add("ALTER TABLE " + t + " ALTER COLUMN status TYPE " + newType
        + " USING status::text::" + newType);
    sql.add("DROP TYPE " + table.enumType());
    sql.add("ALTER TYPE " + newType + " RENAME TO " + identifier(name));
    if (defaultExpression != null) {
      sql.add("ALTER TABLE " + t + " ALTER COLUMN status SET DEFAULT " + defaultExpression);
    }
    steps.run("rewrite job_queue into enum type " + table.enumType() + " ("
        + String.join(", ", values) + ")", true, sql);
    notes.add("rewrote job_queue so status has enum type " + table.enumType() + " with "
        + String.join(", ", values) + " (--rewrite-enum: the table was locked for the rewrite)");
  }
}
