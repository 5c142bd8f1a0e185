package dev.jobdb.run;

import liquibase.changelog.ChangeSet;

/**
 * One row of Liquibase's DATABASECHANGELOG.
 *
 * @param how {@code ran} (jobdb applied it) or {@code adopted} (recorded as MARK_RAN: the live schema
 *     already had it)
 */
public record AppliedChangeset(
    String id, String author, String file, String appliedAt, int order, String how,
    String description) {

  /** What identifies a changeset to Liquibase: id, author and file together. */
  public String key() {
    return key(id, author, file);
  }

  public static String key(ChangeSet changeSet) {
    return key(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath());
  }

  private static String key(String id, String author, String file) {
    return id + "::" + author + "::" + file;
  }
}
