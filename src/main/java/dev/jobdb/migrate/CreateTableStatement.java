package dev.jobdb.migrate;

import dev.jobdb.migrate.SqlTokens.Token;
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
record CreateTableStatement(String sql, String name, int nameStart, int nameEnd) {

  /**
   * Parses {@code CREATE TABLE [IF NOT EXISTS] [main.]name ...}.
   *
   * @throws IllegalArgumentException for anything else (a TEMP table, another schema, not CREATE
   *     TABLE at all)
   */
  static CreateTableStatement parse(String sql) {
    List<Token> tokens = SqlTokens.of(sql);
    int i = 0;
    if (tokens.size() < 3 || !tokens.get(i++).isWord("CREATE")) {
      throw notCreateTable(sql);
    }
    if (tokens.get(i).isWord("TEMP") || tokens.get(i).isWord("TEMPORARY")) {
      throw new IllegalArgumentException("a TEMP table cannot replace a table in the database: "
          + abbreviate(sql));
    }
    if (!tokens.get(i++).isWord("TABLE")) {
      throw notCreateTable(sql);
    }
    if (i + 2 < tokens.size() && tokens.get(i).isWord("IF") && tokens.get(i + 1).isWord("NOT")
        && tokens.get(i + 2).isWord("EXISTS")) {
      i += 3;
    }
    if (i >= tokens.size() || !tokens.get(i).isName()) {
      throw notCreateTable(sql);
    }
    Token name = tokens.get(i);
    if (i + 2 < tokens.size() && tokens.get(i + 1).isPunctuation('.')) {
      if (!SqlTokens.sameIdentifier(name.identifier(), "main")) {
        throw new IllegalArgumentException(
            "the table must be in schema main, not " + name.identifier() + ": " + abbreviate(sql));
      }
      name = tokens.get(i + 2);
      if (!name.isName()) {
        throw notCreateTable(sql);
      }
    }
    return new CreateTableStatement(sql, name.identifier(), name.start(), name.end());
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
    return SqlTokens.of(sql).stream().anyMatch(t -> t.isWord("AUTOINCREMENT"));
  }

  private static IllegalArgumentException notCreateTable(String sql) {
    return new IllegalArgumentException("not a CREATE TABLE statement: " + abbreviate(sql));
  }

  private static String abbreviate(String sql) {
    String flat = sql.strip().replaceAll("\\s+", " ");
    return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
  }
}
