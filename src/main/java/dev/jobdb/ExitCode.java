package dev.jobdb;

/** The one exit-code table: every command uses it, {@code --help} and README show it. */
public enum ExitCode {
  OK(0, "ok: in sync, or the change was applied"),
  DRIFT(1, "drift found: the database rejects what the code writes"),
  USAGE(2, "usage or configuration error (bad flag, a flag that does not apply, a quoted DB_PATH)"),
  DATABASE_UNUSABLE(3, "database unusable: missing, not SQLite, unreadable, locked, or no job_queue"),
  REFUSED(4, "refused: the change would lose or break data; nothing was changed"),
  FAILED_ROLLED_BACK(5, "the change failed and was rolled back; the database is unchanged"),
  PARTLY_APPLIED(7, "the change stopped part-way and not all of it could be undone: the message"
      + " names what stays changed and the snapshot holding the rows as they were"),
  UNEXPECTED(6, "unexpected failure inside jobdb (a bug): run again with --verbose and report"
      + " it; verify-schema shows the database's state");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
