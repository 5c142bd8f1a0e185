package dev.jobdb.migrate;

/** TEMPORARY stand-in. */
public record RebuildResult(long rows) {
  public String summary() {
    return rows + " rows";
  }
}
