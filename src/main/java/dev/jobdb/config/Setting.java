package dev.jobdb.config;

/** A setting jobdb reads: its command-line flag and its variable (environment and .env file). */
public enum Setting {
  DATABASE("--db", "DB_PATH"),
  ENUM("--enum", "JOBDB_ENUM"),
  CHANGELOG("--changelog", "JOBDB_CHANGELOG"),
  DATABASE_URL("--db-url", "DATABASE_URL"),
  KEEP_SNAPSHOTS("--keep", "JOBDB_KEEP_SNAPSHOTS"),
  BACKUP_DIR("--backup-dir", "JOBDB_BACKUP_DIR");

  private final String flag;
  private final String variable;

  Setting(String flag, String variable) {
    this.flag = flag;
    this.variable = variable;
  }

  public String flag() {
    return flag;
  }

  public String variable() {
    return variable;
  }
}
