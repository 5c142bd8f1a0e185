package dev.jobdb.migrate;

/**
 * One row of Liquibase's DATABASECHANGELOG.
 *
 * @param how {@code ran} (jobdb applied it) or {@code adopted} (recorded as MARK_RAN: the live schema
 *     already had it)
 */
public record AppliedChangeset(
    String id, String author, String file, String appliedAt, int order, String how,
    String description) {

  public String key() {
    return id + "::" + author + "::" + file;
  }
}
