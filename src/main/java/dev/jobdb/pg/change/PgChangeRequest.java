package dev.jobdb.pg.change;

import dev.jobdb.config.DatabaseUrl;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to run a change on PostgreSQL.
 *
 * @param statuses the app's status enum values, in its order: what migrate up makes job_queue accept
 * @param remap for a narrowing rollback: status to move each rejected status to
 * @param rewriteEnum accept the table rewrite that narrowing a native enum type costs
 * @param backup take a snapshot of job_queue before changing anything
 * @param backupDir where the snapshot goes (null: the working directory)
 * @param progress progress lines for stderr
 */
public record PgChangeRequest(
    DatabaseUrl url,
    LockPolicy lockPolicy,
    List<String> statuses,
    Map<String, String> remap,
    boolean rewriteEnum,
    boolean backup,
    Path backupDir,
    Consumer<String> progress) {
  public PgChangeRequest {
    statuses = List.copyOf(statuses);
    remap = Map.copyOf(remap);
  }
}
