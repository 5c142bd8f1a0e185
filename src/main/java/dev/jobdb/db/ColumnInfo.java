package dev.jobdb.db;

/** A column as {@code PRAGMA table_xinfo} describes it ({@code hidden} 2 or 3: generated). */
public record ColumnInfo(
    String name, String type, boolean notNull, String defaultValue, int primaryKey, int hidden) {
  boolean generated() {
    return hidden == 2 || hidden == 3;
  }

  @Override
  public String toString() {
    return name + " " + type + (notNull ? " NOT NULL" : "")
        + (defaultValue == null ? "" : " DEFAULT " + defaultValue)
        + (primaryKey > 0 ? " PK" + primaryKey : "") + (hidden != 0 ? " hidden=" + hidden : "");
  }
}
