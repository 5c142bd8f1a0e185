package dev.jobdb.engine.sqlite.change;

import dev.jobdb.db.LiveTable;
import dev.jobdb.db.SchemaEntry;

import static dev.jobdb.db.SqlQuoting.literal;
import static dev.jobdb.db.SqlQuoting.quoted;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The statements that change the database, derived from the live table and the new definition,
 * grouped by step. Nothing here touches the database.
 *
 * @param steps in the order they run
 */
public record RebuildPlan(String temporaryTable, List<Step> steps) {

  /**
   * One step's statements; {@code always}, when not null, runs after them even if one failed (it
   * restores connection state that a rollback does not restore).
   */
  record Step(RebuildStep step, List<String> statements, String always) {
    List<String> allStatements() {
      return always == null
          ? statements
          : Stream.concat(statements.stream(), Stream.of(always)).toList();
    }
  }

  static RebuildPlan of(
      LiveTable live,
      CreateTableStatement newTable,
      String temporaryTable,
      boolean legacyAlterTableWasOn) {
    String table = quoted(live.name());
    String temporary = quoted(temporaryTable);
    List<Step> steps = new ArrayList<>();
    steps.add(step(RebuildStep.CREATE, newTable.withName(temporary)));
    steps.add(step(RebuildStep.COPY, copy(live, table, temporary)));
    steps.add(step(RebuildStep.DROP, "DROP TABLE " + table));
    steps.add(rename(temporary, table, legacyAlterTableWasOn));
    steps.add(new Step(RebuildStep.INDEXES, sqlOf(live.indexes()), null));
    steps.add(new Step(RebuildStep.TRIGGERS, sqlOf(live.triggers()), null));
    steps.add(new Step(RebuildStep.COUNTER_AND_STATISTICS, counterAndStatistics(live, newTable),
        null));
    return new RebuildPlan(temporaryTable, List.copyOf(steps));
  }

  List<String> changeStatements() {
    return steps.stream().flatMap(s -> s.allStatements().stream()).toList();
  }

  private static Step step(RebuildStep step, String sql) {
    return new Step(step, List.of(sql), null);
  }

  /**
   * A view or trigger that reads the table makes RENAME fail while the table is gone; the legacy
   * rename does not check them, and (with foreign keys off) rewrites no reference elsewhere.
   */
  private static Step rename(String from, String to, boolean legacyAlterTableWasOn) {
    return new Step(
        RebuildStep.RENAME,
        List.of("PRAGMA legacy_alter_table = ON", "ALTER TABLE " + from + " RENAME TO " + to),
        "PRAGMA legacy_alter_table = " + (legacyAlterTableWasOn ? "ON" : "OFF"));
  }

  /** By column name, never SELECT *; the row ids go along unless a column already carries them. */
  private static String copy(LiveTable live, String from, String to) {
    List<String> columns = new ArrayList<>();
    if (live.rowidName() != null) {
      columns.add(live.rowidName());
    }
    live.storedColumns().forEach(c -> columns.add(quoted(c)));
    String list = String.join(", ", columns);
    return "INSERT INTO " + to + " (" + list + ") SELECT " + list + " FROM " + from;
  }

  private static List<String> sqlOf(List<SchemaEntry> entries) {
    return entries.stream().map(SchemaEntry::sql).toList();
  }

  private static List<String> counterAndStatistics(LiveTable live, CreateTableStatement newTable) {
    List<String> statements = new ArrayList<>();
    String name = literal(live.name());
    if (live.sequence() != null && newTable.hasAutoincrement()) {
      // DROP TABLE deleted the counter; the copy restarted it at max(id). Ids must not come back.
      statements.add("INSERT INTO sqlite_sequence (name, seq) SELECT " + name + ", "
          + live.sequence() + " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = "
          + name + ")");
      statements.add("UPDATE sqlite_sequence SET seq = " + live.sequence() + " WHERE name = "
          + name);
    } else if (live.sequence() == null && newTable.hasAutoincrement()) {
      // The table never had a row: the copy (even of no rows) created a counter it did not have.
      statements.add("DELETE FROM sqlite_sequence WHERE name = " + name);
    }
    // DROP TABLE deleted the planner's statistics (a rename-aside leaves them); the rows are the
    // same, so the same statistics hold
    for (String statTable : List.of("sqlite_stat1", "sqlite_stat4")) {
      if (live.statistics().stream().anyMatch(s -> s.startsWith("INSERT INTO " + statTable + " "))) {
        statements.add("DELETE FROM " + statTable + " WHERE tbl = " + name);
      }
    }
    statements.addAll(live.statistics());
    return statements;
  }
}
