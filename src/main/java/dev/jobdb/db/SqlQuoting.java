package dev.jobdb.db;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Writes names and string literals so SQLite reads them back unchanged. */
public final class SqlQuoting {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** SQLite's keywords (https://www.sqlite.org/lang_keywords.html); a name spelled so is quoted. */
  private static final Set<String> KEYWORDS =
      Set.of(
          """
          ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT
          BEFORE BEGIN BETWEEN BY CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT
          CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP
          DATABASE DEFAULT DEFERRABLE DEFERRED DELETE DESC DETACH DISTINCT DO DROP EACH ELSE
          END ESCAPE EXCEPT EXCLUDE EXCLUSIVE EXISTS EXPLAIN FAIL FILTER FIRST FOLLOWING FOR
          FOREIGN FROM FULL GENERATED GLOB GROUP GROUPS HAVING IF IGNORE IMMEDIATE IN INDEX
          INDEXED INITIALLY INNER INSERT INSTEAD INTERSECT INTO IS ISNULL JOIN KEY LAST LEFT
          LIKE LIMIT MATCH MATERIALIZED NATURAL NO NOT NOTHING NOTNULL NULL NULLS OF OFFSET
          ON OR ORDER OTHERS OUTER OVER PARTITION PLAN PRAGMA PRECEDING PRIMARY QUERY RAISE
          RANGE RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME REPLACE RESTRICT
          RETURNING RIGHT ROLLBACK ROW ROWS SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN
          TIES TO TRANSACTION TRIGGER UNBOUNDED UNION UNIQUE UPDATE USING VACUUM VALUES VIEW
          VIRTUAL WHEN WHERE WINDOW WITH WITHOUT
          """
              .split("\\s+"));

  private SqlQuoting() {}

  /** {@code status} stays as it is; {@code order} or {@code my col} become {@code "order"}. */
  public static String identifier(String name) {
    if (PLAIN.matcher(name).matches() && !KEYWORDS.contains(name.toUpperCase(Locale.ROOT))) {
      return name;
    }
    return quoted(name);
  }

  /** Always double-quoted, for statements jobdb generates: {@code a"b} becomes {@code "a""b"}. */
  public static String quoted(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** SQLite compares identifiers case-insensitively, folding ASCII letters only. */
  public static boolean sameName(String a, String b) {
    return a.length() == b.length() && asciiLower(a).equals(asciiLower(b));
  }

  private static String asciiLower(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return b.toString();
  }

  /** {@code it's} becomes {@code 'it''s'}. */
  public static String literal(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }
}
