package dev.jobdb.pg.change;

import dev.jobdb.config.DatabaseUrl;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to run a change on PostgreSQL.
 *
 * @param remap for a narrowing rollback: status to move each rejected status to
 * @param rewriteEnum accept the table rewrite that narrowing a native enum type costs
 * @param backup take a snapshot of job_queue before changing anything
 * @param backupDir where the snapshot goes (null: the working directory)
 * @param progress progress lines for stderr
 */
public record PgChangeRequest(
    DatabaseUrl url,
    LockPolicy lockPolicy,
    Map<String, String> remap,
    boolean rewriteEnum,
    boolean backup,
    Path backupDir,
    Consumer<String> progress) {
  public PgChangeRequest {
    remap = Map.copyOf(remap);
  }
}
