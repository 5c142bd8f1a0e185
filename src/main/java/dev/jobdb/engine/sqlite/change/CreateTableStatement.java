package dev.jobdb.engine.sqlite.change;

import dev.jobdb.db.SqlQuoting;
import dev.jobdb.schema.parse.SqlToken;
import dev.jobdb.schema.parse.SqlTokenizer;
import java.util.List;

/**
 * A {@code CREATE TABLE} statement's text and where its table name sits in it, so the name can be
 * swapped without touching anything else the user wrote.
 *
 * @param sql the statement as given
 * @param name the table name, unquoted
 * @param nameStart offset of the name token (after any {@code schema.} prefix)
 * @param nameEnd offset just past the name token
 */
public record CreateTableStatement(String sql, String name, int nameStart, int nameEnd) {

  /**
   * Parses {@code CREATE TABLE [IF NOT EXISTS] [main.]name ...}.
   *
   * @throws IllegalArgumentException for anything else (a TEMP table, another schema, not CREATE
   *     TABLE at all)
   */
  static CreateTableStatement parse(String sql) {
    List<SqlToken> tokens = SqlTokenizer.tokenize(sql);
    int i = 0;
    if (tokens.size() < 3 || !tokens.get(i++).isKeyword("CREATE")) {
      throw notCreateTable(sql);
    }
    if (tokens.get(i).isKeyword("TEMP") || tokens.get(i).isKeyword("TEMPORARY")) {
      throw new IllegalArgumentException("a TEMP table cannot replace a table in the database: "
          + abbreviate(sql));
    }
    if (!tokens.get(i++).isKeyword("TABLE")) {
      throw notCreateTable(sql);
    }
    if (i + 2 < tokens.size() && tokens.get(i).isKeyword("IF") && tokens.get(i + 1).isKeyword("NOT")
        && tokens.get(i + 2).isKeyword("EXISTS")) {
      i += 3;
    }
    if (i >= tokens.size() || !isName(tokens.get(i))) {
      throw notCreateTable(sql);
    }
    SqlToken name = tokens.get(i);
    if (i + 2 < tokens.size() && tokens.get(i + 1).isOperator(".")) {
      if (!SqlQuoting.sameName(name.value(), "main")) {
        throw new IllegalArgumentException(
            "the table must be in schema main, not " + name.value() + ": " + abbreviate(sql));
      }
      name = tokens.get(i + 2);
      if (!isName(name)) {
        throw notCreateTable(sql);
      }
    }
    return new CreateTableStatement(sql, name.value(), name.start(), name.end());
  }

  /** The same statement naming another table; {@code quotedName} is inserted as given. */
  String withName(String quotedName) {
    return sql.substring(0, nameStart) + quotedName + sql.substring(nameEnd);
  }

  /** Everything after the name, the part SQLite keeps verbatim in {@code sqlite_schema}. */
  String afterName() {
    return sql.substring(nameEnd);
  }

  /** Whether the definition asks for AUTOINCREMENT (outside literals and comments). */
  boolean hasAutoincrement() {
    return SqlTokenizer.tokenize(sql).stream().anyMatch(t -> t.isKeyword("AUTOINCREMENT"));
  }

  /** SQLite also accepts a string literal where a table name goes. */
  private static boolean isName(SqlToken token) {
    return token.isName() || token.type() == SqlToken.Type.STRING;
  }

  private static IllegalArgumentException notCreateTable(String sql) {
    return new IllegalArgumentException("not a CREATE TABLE statement: " + abbreviate(sql));
  }

  private static String abbreviate(String sql) {
    String flat = sql.strip().replaceAll("\\s+", " ");
    return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
  }
}
