package dev.jobdb.engine.sqlite.change;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.util.List;

/**
 * The changed table differs from the old one in something the change did not mean to change. The
 * caller must roll back; its message names every difference.
 */
public final class RebuildVerificationException extends JobdbException {
  private final List<String> differences;

  public RebuildVerificationException(String table, List<String> differences) {
    super(ExitCode.FAILED_ROLLED_BACK,
        table + " differs from the table before in more than the change, so the change was rolled back: "
            + String.join("; ", differences));
    this.differences = List.copyOf(differences);
  }

  public List<String> differences() {
    return differences;
  }
}
