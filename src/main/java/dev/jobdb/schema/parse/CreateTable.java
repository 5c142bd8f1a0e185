package dev.jobdb.schema.parse;

import java.util.List;
import java.util.Optional;

/**
 * A parsed CREATE TABLE statement; every offset points into {@link #sql()}.
 *
 * @param sql the statement as stored
 * @param name the table's name, quotes removed
 * @param elements everything between the parentheses, in order
 * @param columns the column definitions, in order
 * @param checks every CHECK constraint, column-level and table-level, in text order
 * @param constraintNames every name given with {@code CONSTRAINT name}, of any kind of constraint
 * @param bodyOpen offset of the opening parenthesis
 * @param bodyClose offset of the closing parenthesis
 */
public record CreateTable(
    String sql,
    String name,
    List<TableElement> elements,
    List<ColumnDefinition> columns,
    List<CheckConstraint> checks,
    List<String> constraintNames,
    int bodyOpen,
    int bodyClose) {
  public CreateTable {
    elements = List.copyOf(elements);
    columns = List.copyOf(columns);
    checks = List.copyOf(checks);
    constraintNames = List.copyOf(constraintNames);
  }

  public Optional<ColumnDefinition> column(String columnName) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
  }

  /** Every CHECK that mentions {@code column}, read as an IN list where possible. */
  public List<StatusCheck> checksOn(String column) {
    return checks.stream()
        .filter(check -> check.mentions(column))
        .map(check -> InListReader.read(check, column, this))
        .toList();
  }
}
