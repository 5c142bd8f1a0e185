package dev.jobdb.engine.postgres;

import java.util.List;
import java.util.stream.Collectors;

/** SQL text jobdb writes for PostgreSQL: literals, and a readable summary of job_queue. */
public final class PgDefinitions {
  private PgDefinitions() {}

  public static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  public static String literals(List<String> values) {
    return values.stream().map(PgDefinitions::literal).collect(Collectors.joining(", "));
  }

  /** {@code "name"}, quoted whatever it holds. */
  public static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** What the report keeps as the table's definition: PostgreSQL stores no CREATE TABLE text. */
  static String describe(PgStatusColumn table) {
    StringBuilder text = new StringBuilder("TABLE " + table.qualifiedTable() + " ("
        + String.join(", ", table.columns()) + ")");
    if (table.isEnum()) {
      text.append("; status ").append(table.enumType()).append(" ENUM (")
          .append(literals(table.enumValues())).append(')');
    }
    for (PgCheck check : table.checks()) {
      text.append("; CONSTRAINT ").append(identifier(check.name())).append(' ')
          .append(check.definition());
    }
    return text.toString();
  }
}
