package dev.jobdb.engine.sqlite.change;

import dev.jobdb.db.ValueCount;
import dev.jobdb.db.StatementKind;
import dev.jobdb.db.ExecutedStatement;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a verified rebuild did; the caller still has to commit.
 *
 * @param table the table's name as stored
 * @param temporaryTable the name the new (or the moved-aside old) table had meanwhile
 * @param rowsCopied rows copied into the new table
 * @param valueCounts rows per value of the counted column, most frequent first (equal before and
 *     after, or the rebuild would have failed)
 * @param indexesRecreated names of the indexes recreated from their stored SQL, in order
 * @param triggersRecreated names of the triggers recreated from their stored SQL, in order
 * @param sequence the AUTOINCREMENT counter kept, {@code null} when the table has none
 * @param tableSqlBefore the stored CREATE TABLE text before
 * @param tableSqlAfter the stored CREATE TABLE text after, as {@code sqlite_schema} holds it
 * @param timings how long each step took, in the order they ran
 * @param total from the first statement to the end of the verification
 * @param statements every statement run, in order; {@link #changeStatements()} for a dry run
 */
public record RebuildResult(
    String table,
    String temporaryTable,
    long rowsCopied,
    List<ValueCount> valueCounts,
    List<String> indexesRecreated,
    List<String> triggersRecreated,
    Long sequence,
    String tableSqlBefore,
    String tableSqlAfter,
    Map<RebuildStep, Duration> timings,
    Duration total,
    List<ExecutedStatement> statements) {

  /** The statements that changed the database, in order. */
  public List<String> changeStatements() {
    return statements.stream()
        .filter(s -> s.kind() == StatementKind.CHANGE)
        .map(ExecutedStatement::sql)
        .toList();
  }
}
