package dev.jobdb.schema.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the CREATE TABLE text SQLite stores in {@code sqlite_schema}: column definitions, table
 * constraints and every CHECK, with offsets into the original text. It follows SQLite's grammar
 * only as far as needed to find those; it does not validate the statement (SQLite already did).
 */
public final class CreateTableParser {
  /** Words that end a column's type and start one of its constraints. */
  private static final Set<String> COLUMN_CONSTRAINT_START =
      Set.of(
          "CONSTRAINT",
          "PRIMARY",
          "NOT",
          "NULL",
          "UNIQUE",
          "CHECK",
          "DEFAULT",
          "COLLATE",
          "REFERENCES",
          "GENERATED",
          "AS");

  private static final Set<String> TABLE_CONSTRAINT_START =
      Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN");

  private final String sql;
  private final List<SqlToken> tokens;

  private CreateTableParser(String sql) {
    this.sql = sql;
    this.tokens = SqlTokenizer.tokenize(sql);
  }

  public static CreateTable parse(String createTableSql) {
    return new CreateTableParser(createTableSql).parse();
  }

  private CreateTable parse() {
    int i = expectHeader();
    String name = tokens.get(i).value();
    i++;
    if (i + 1 < tokens.size() && tokens.get(i).isOperator(".")) {
      name = tokens.get(i + 1).value();
      i += 2;
    }
    if (i >= tokens.size() || !tokens.get(i).isOperator("(")) {
      throw new SqlParseException(
          "expected '(' after the table name (CREATE TABLE ... AS SELECT has no column list)",
          i < tokens.size() ? tokens.get(i).start() : sql.length());
    }
    int open = i;
    int close = matchingParen(open);

    List<TableElement> elements = splitElements(open + 1, close);
    List<ColumnDefinition> columns = new ArrayList<>();
    List<CheckConstraint> checks = new ArrayList<>();
    List<String> constraintNames = new ArrayList<>();
    for (TableElement element : elements) {
      String declaredOn = null;
      if (element.kind() == TableElement.Kind.COLUMN) {
        ColumnDefinition column = column(element);
        columns.add(column);
        declaredOn = column.name();
      }
      collectConstraints(element, declaredOn, checks, constraintNames);
    }
    return new CreateTable(
        sql,
        name,
        elements,
        columns,
        checks,
        constraintNames,
        tokens.get(open).start(),
        tokens.get(close).start());
  }

  /** Skips {@code CREATE [TEMP|TEMPORARY] TABLE [IF NOT EXISTS]}; returns the name's index. */
  private int expectHeader() {
    int i = 0;
    require(i, "CREATE");
    i++;
    if (i < tokens.size()
        && (tokens.get(i).isKeyword("TEMP") || tokens.get(i).isKeyword("TEMPORARY"))) {
      i++;
    }
    require(i, "TABLE");
    i++;
    if (i < tokens.size() && tokens.get(i).isKeyword("IF")) {
      require(i + 1, "NOT");
      require(i + 2, "EXISTS");
      i += 3;
    }
    if (i >= tokens.size()
        || !(tokens.get(i).isName() || tokens.get(i).type() == SqlToken.Type.STRING)) {
      throw new SqlParseException("expected the table name", offsetOf(i));
    }
    return i;
  }

  private void require(int i, String keyword) {
    if (i >= tokens.size() || !tokens.get(i).isKeyword(keyword)) {
      throw new SqlParseException("expected " + keyword + " in CREATE TABLE", offsetOf(i));
    }
  }

  private int offsetOf(int i) {
    return i < tokens.size() ? tokens.get(i).start() : sql.length();
  }

  private int matchingParen(int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      SqlToken t = tokens.get(i);
      if (t.isOperator("(")) {
        depth++;
      } else if (t.isOperator(")")) {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    throw new SqlParseException("unbalanced parentheses", tokens.get(open).start());
  }

  private List<TableElement> splitElements(int from, int to) {
    List<TableElement> elements = new ArrayList<>();
    int depth = 0;
    int elementStart = from;
    for (int i = from; i <= to; i++) {
      SqlToken t = tokens.get(i);
      boolean endOfElement = i == to || (depth == 0 && t.isOperator(","));
      if (endOfElement) {
        if (i == elementStart) {
          throw new SqlParseException("empty entry in the column list", t.start());
        }
        List<SqlToken> part = tokens.subList(elementStart, i);
        SqlToken first = part.get(0);
        TableElement.Kind kind =
            first.type() == SqlToken.Type.WORD && TABLE_CONSTRAINT_START.contains(first.upper())
                ? TableElement.Kind.TABLE_CONSTRAINT
                : TableElement.Kind.COLUMN;
        elements.add(new TableElement(kind, part, first.start(), part.get(part.size() - 1).end()));
        elementStart = i + 1;
      } else if (t.isOperator("(")) {
        depth++;
      } else if (t.isOperator(")")) {
        depth--;
      }
    }
    return elements;
  }

  private ColumnDefinition column(TableElement element) {
    List<SqlToken> part = element.tokens();
    String name = part.get(0).value();
    int i = 1;
    int typeEnd = -1;
    while (i < part.size()) {
      SqlToken t = part.get(i);
      if (t.type() == SqlToken.Type.WORD && COLUMN_CONSTRAINT_START.contains(t.upper())) {
        break;
      }
      if (t.isOperator("(")) {
        i = skipParens(part, i);
      }
      typeEnd = part.get(i).end();
      i++;
    }
    String type = typeEnd < 0 ? "" : sql.substring(part.get(1).start(), typeEnd);
    return new ColumnDefinition(name, type, element.start(), element.end());
  }

  /** Finds CHECK clauses and constraint names at the element's top level. */
  private void collectConstraints(
      TableElement element, String declaredOn, List<CheckConstraint> checks, List<String> names) {
    List<SqlToken> part = element.tokens();
    for (int i = 0; i < part.size(); i++) {
      SqlToken t = part.get(i);
      if (t.isOperator("(")) {
        i = skipParens(part, i);
        continue;
      }
      if (t.isKeyword("CONSTRAINT") && i + 1 < part.size()) {
        names.add(part.get(i + 1).value());
        i++;
        continue;
      }
      if (t.isKeyword("CHECK") && i + 1 < part.size() && part.get(i + 1).isOperator("(")) {
        int close = skipParens(part, i + 1);
        boolean named = i >= 2 && part.get(i - 2).isKeyword("CONSTRAINT");
        int start = named ? part.get(i - 2).start() : t.start();
        String name = named ? part.get(i - 1).value() : null;
        int exprStart = part.get(i + 1).end();
        int exprEnd = part.get(close).start();
        checks.add(
            new CheckConstraint(
                name,
                declaredOn,
                start,
                part.get(close).end(),
                sql.substring(exprStart, exprEnd).strip(),
                part.subList(i + 2, close)));
        i = close;
      }
    }
  }

  /** Given the index of a {@code (}, returns the index of its matching {@code )}. */
  private static int skipParens(List<SqlToken> part, int open) {
    int depth = 0;
    for (int i = open; i < part.size(); i++) {
      if (part.get(i).isOperator("(")) {
        depth++;
      } else if (part.get(i).isOperator(")")) {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    throw new SqlParseException("unbalanced parentheses", part.get(open).start());
  }
}
