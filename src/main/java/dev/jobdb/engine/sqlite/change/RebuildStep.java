package dev.jobdb.engine.sqlite.change;

/** The steps of a rebuild, in the words the progress lines and the timings use. */
public enum RebuildStep {
  LOCK("taking the write lock"),
  INSPECT("reading the live schema"),
  COUNT_BEFORE("counting rows per value"),
  FOREIGN_KEYS_BEFORE("recording existing foreign key violations"),
  CREATE("creating the table with the new definition"),
  COPY("copying the rows by column name"),
  DROP("dropping the old table"),
  RENAME("renaming"),
  INDEXES("recreating indexes"),
  TRIGGERS("recreating triggers"),
  COUNTER_AND_STATISTICS("restoring the AUTOINCREMENT counter and planner statistics"),
  COUNT_AFTER("counting rows per value again"),
  FOREIGN_KEYS_AFTER("checking foreign keys"),
  INTEGRITY_CHECK("checking the table's integrity"),
  SCHEMA_CHECK("comparing columns, indexes, triggers and views");

  private final String description;

  RebuildStep(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
