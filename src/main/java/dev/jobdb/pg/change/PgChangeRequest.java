package dev.jobdb.pg.change;

import dev.jobdb.config.DatabaseUrl;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How to run a change on PostgreSQL.
 *
 * @param statuses the app's status enum values, in its order: what migrate up makes job_queue accept
 * @param remap for a narrowing rollback: status to move each rejected status to
 * @param rewriteEnum accept the table rewrite that narrowing a native enum type costs
 * @param backup take a snapshot of job_queue before changing anything
 * @param backupDir where the snapshot goes (null: the working directory)
 * @param progress progress lines for stderr
 * @param rollbackTarget for rollback: the statuses to return to, given those the column accepts
 *     now (the rollback of the changeset that set them); empty when no changeset set them
 */
public record PgChangeRequest(
    DatabaseUrl url,
    LockPolicy lockPolicy,
    List<String> statuses,
    Map<String, String> remap,
    boolean rewriteEnum,
    boolean backup,
    Path backupDir,
    Consumer<String> progress,
    Function<List<String>, Optional<List<String>>> rollbackTarget) {
  public PgChangeRequest {
    statuses = List.copyOf(statuses);
    remap = Map.copyOf(remap);
  }
}
