package dev.jobdb.db;

/** One row of {@code sqlite_schema}, without its root page (which a rebuild changes). */
public record SchemaEntry(String type, String name, String tableName, String sql) {
  @Override
  public String toString() {
    return type + " " + name + (sql == null ? " (automatic)" : ": " + sql);
  }
}
