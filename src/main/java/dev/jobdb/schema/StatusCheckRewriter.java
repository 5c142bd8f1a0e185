package dev.jobdb.schema;

import dev.jobdb.schema.parse.CreateTable;
import dev.jobdb.schema.parse.CreateTableParser;
import dev.jobdb.schema.parse.SqlParseException;
import dev.jobdb.schema.parse.SqlToken;
import dev.jobdb.schema.parse.StatusCheck;
import dev.jobdb.schema.parse.TableElement;

import dev.jobdb.db.SqlQuoting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Replaces the CHECK constraint on one column of a stored CREATE TABLE statement and leaves every
 * other character as it was.
 *
 * <ul>
 *   <li>One CHECK on the column: it is replaced in place by {@code CONSTRAINT name CHECK (column IN
 *       ('v1', 'v2', ...))}; a column-level CHECK stays column-level, a table-level one stays where
 *       it was among the table constraints.
 *   <li>Several: the first in the text is replaced; the others are removed, a column-level one with
 *       the whitespace before it, a table-level one with the comma (and any comment) before it.
 *   <li>None: the new CHECK is added as the last table constraint, on its own line with the
 *       indentation of the last entry when the entries are on separate lines.
 * </ul>
 *
 * <p>A CHECK that mentions the column in any form other than {@code column IN (...)} (for example
 * {@code status <> 'x' OR priority > 0}) may carry another rule too, so it is neither replaced nor
 * dropped: the rewrite is refused with {@link RewriteRefusedException}.
 */
public final class StatusCheckRewriter {
  private StatusCheckRewriter() {}

  /** Every CHECK in {@code createTableSql} that mentions {@code column}, in text order. */
  public static List<StatusCheck> find(String createTableSql, String column) {
    return CreateTableParser.parse(createTableSql).checksOn(column);
  }

  /** {@code CONSTRAINT name CHECK (column IN ('v1', 'v2'))}, names and values quoted as needed. */
  public static String clause(String column, List<String> allowedValues, String constraintName) {
    String values =
        allowedValues.stream().map(SqlQuoting::literal).collect(Collectors.joining(", "));
    return "CONSTRAINT "
        + SqlQuoting.identifier(constraintName)
        + " CHECK ("
        + SqlQuoting.identifier(column)
        + " IN ("
        + values
        + "))";
  }

  /**
   * @throws RewriteRefusedException when the column does not exist, a CHECK mentions it in a form
   *     other than an IN list, or another constraint already has {@code constraintName}
   * @throws SqlParseException when the text is not a CREATE TABLE statement with a column list
   */
  public static String rewrite(
      String createTableSql, String column, List<String> allowedValues, String constraintName) {
    if (constraintName == null || constraintName.isBlank()) {
      throw new IllegalArgumentException("the new CHECK needs a constraint name");
    }
    CreateTable table = CreateTableParser.parse(createTableSql);
    if (table.column(column).isEmpty()) {
      throw new RewriteRefusedException("table " + table.name() + " has no column " + column);
    }
    List<StatusCheck> checks = table.checksOn(column);
    for (StatusCheck check : checks) {
      if (!check.isInList()) {
        throw new RewriteRefusedException(
            "table "
                + table.name()
                + " has a CHECK on "
                + column
                + " that is not a plain IN list: "
                + "CHECK ("
                + check.expression()
                + "); change it by hand");
      }
    }
    requireNameFree(table, checks, constraintName);

    String clause = clause(column, allowedValues, constraintName);
    if (checks.isEmpty()) {
      return appendTableConstraint(table, clause);
    }
    List<Edit> edits = new ArrayList<>();
    edits.add(new Edit(checks.get(0).start(), checks.get(0).end(), clause));
    for (StatusCheck extra : checks.subList(1, checks.size())) {
      edits.add(removal(table, extra));
    }
    return apply(createTableSql, edits);
  }

  private static void requireNameFree(
      CreateTable table, List<StatusCheck> replaced, String constraintName) {
    List<String> others = new ArrayList<>(table.constraintNames());
    for (StatusCheck check : replaced) {
      if (check.constraintName() != null) {
        others.remove(check.constraintName());
      }
    }
    if (others.stream().anyMatch(name -> name.equalsIgnoreCase(constraintName))) {
      throw new RewriteRefusedException(
          "table "
              + table.name()
              + " already has a constraint named "
              + constraintName
              + "; choose another name");
    }
  }

  /**
   * The statement without {@code checks} (as {@link #find} returns them), every other character
   * as it was: a column-level CHECK goes with the whitespace before it, a table-level one with the
   * comma before it. For editing the stored text in place, where a stray character corrupts the
   * database: the result is what SQLite would read if the CHECK had never been written.
   */
  public static String without(String createTableSql, List<StatusCheck> checks) {
    if (checks.isEmpty()) {
      return createTableSql;
    }
    CreateTable table = CreateTableParser.parse(createTableSql);
    return apply(createTableSql, checks.stream().map(check -> removal(table, check)).toList());
  }

  private static Edit removal(CreateTable table, StatusCheck check) {
    String sql = table.sql();
    if (check.columnLevel()) {
      return new Edit(startOfGapBefore(table, check.start()), check.end(), "");
    }
    List<TableElement> elements = table.elements();
    for (int i = 1; i < elements.size(); i++) {
      if (elements.get(i).start() == check.start()) {
        return new Edit(elements.get(i - 1).end(), check.end(), "");
      }
    }
    throw new IllegalStateException("table-level CHECK at " + check.start() + " not found");
  }

  /**
   * Where the whitespace before {@code offset} starts. When a comment sits between the previous
   * token and {@code offset}, only the spaces on the clause's own line go: removing a line break
   * after a {@code --} comment would pull what follows into the comment.
   */
  private static int startOfGapBefore(CreateTable table, int offset) {
    String sql = table.sql();
    int previousEnd = 0;
    for (TableElement element : table.elements()) {
      for (SqlToken token : element.tokens()) {
        if (token.end() <= offset) {
          previousEnd = Math.max(previousEnd, token.end());
        }
      }
    }
    if (sql.substring(previousEnd, offset).isBlank()) {
      return previousEnd;
    }
    int start = offset;
    while (start > 0 && (sql.charAt(start - 1) == ' ' || sql.charAt(start - 1) == '\t')) {
      start--;
    }
    return start;
  }

  private static String appendTableConstraint(CreateTable table, String clause) {
    String sql = table.sql();
    TableElement last = table.elements().get(table.elements().size() - 1);
    String gap = sql.substring(last.end(), table.bodyClose());
    String separator = ", ";
    if (gap.isBlank() && gap.contains("\n")) {
      separator = ",\n" + indentationOfLine(sql, last.start());
    }
    return sql.substring(0, last.end()) + separator + clause + sql.substring(last.end());
  }

  private static String indentationOfLine(String sql, int offset) {
    int lineStart = sql.lastIndexOf('\n', offset - 1) + 1;
    int end = lineStart;
    while (end < sql.length() && (sql.charAt(end) == ' ' || sql.charAt(end) == '\t')) {
      end++;
    }
    return sql.substring(lineStart, end);
  }

  private static String apply(String sql, List<Edit> edits) {
    StringBuilder out = new StringBuilder(sql);
    edits.stream()
        .sorted(Comparator.comparingInt(Edit::start).reversed())
        .forEach(e -> out.replace(e.start(), e.end(), e.replacement()));
    return out.toString();
  }

  private record Edit(int start, int end, String replacement) {}
}
