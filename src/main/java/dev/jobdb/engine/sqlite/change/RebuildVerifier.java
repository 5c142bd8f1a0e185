package dev.jobdb.engine.sqlite.change;

import dev.jobdb.db.LiveTable;
import dev.jobdb.db.SchemaEntry;
import dev.jobdb.db.TableChecks;
import dev.jobdb.db.ValueCount;
import dev.jobdb.db.IntegrityCheck;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Collects every difference between the table before and after, then throws if any. */
public final class RebuildVerifier {
  private final String table;
  private final List<String> differences = new ArrayList<>();

  RebuildVerifier(String table) {
    this.table = table;
  }

  void expectEqual(String what, long before, long after) {
    if (before != after) {
      differences.add(what + ": expected " + before + ", got " + after);
    }
  }

  void compareCounts(String column, List<ValueCount> before, List<ValueCount> after) {
    long rowsBefore = TableChecks.total(before);
    long rowsAfter = TableChecks.total(after);
    if (rowsBefore != rowsAfter) {
      differences.add("row count: " + rowsBefore + " before, " + rowsAfter + " after");
    }
    if (!before.equals(after)) {
      differences.add("rows per " + column + ": before " + describe(before) + ", after "
          + describe(after));
    }
  }

  /** Orphans may exist before (the app sometimes runs with foreign keys off); none may appear. */
  void compareForeignKeys(Set<String> before, Set<String> after) {
    Set<String> appeared = new LinkedHashSet<>(after);
    appeared.removeAll(before);
    if (!appeared.isEmpty()) {
      differences.add("new foreign key violations (table|rowid|parent|fkid): "
          + appeared.stream().limit(10).collect(Collectors.joining(", "))
          + (appeared.size() > 10 ? " and " + (appeared.size() - 10) + " more" : ""));
    }
  }

  void compareIntegrity(IntegrityCheck check, List<String> findings) {
    if (!findings.equals(List.of("ok"))) {
      differences.add(check.pragma() + "(" + table + "): "
          + findings.stream().limit(5).collect(Collectors.joining("; ")));
    }
  }

  /**
   * The table's b-tree holds the rows copied, and every index one entry per row (a partial index
   * at most one): an index built from only part of the rows, or a b-tree whose pages lost
   * entries, shows here.
   */
  void compareEntries(long rows, Map<String, TableChecks.BtreeEntries> entries) {
    entries.forEach((btree, found) -> {
      boolean tableItself = btree.equals(table);
      boolean fits = found.partial() ? found.entries() <= rows : found.entries() == rows;
      if (!fits) {
        differences.add((tableItself ? "rows in the table's pages" : "entries in index " + btree)
            + ": expected " + (found.partial() ? "at most " : "") + rows + ", found "
            + found.entries() + " in " + found.pages() + " pages");
      }
    });
  }

  void compareTables(LiveTable before, LiveTable after) {
    compare("columns", before.columns(), after.columns());
    compare("WITHOUT ROWID", before.withoutRowid(), after.withoutRowid());
    compare("row id column", before.rowidName(), after.rowidName());
    compare("indexes", before.indexes(), after.indexes());
    compare("automatic indexes", before.autoIndexes(), after.autoIndexes());
    compare("triggers", before.triggers(), after.triggers());
    compare("tables referencing " + table, before.referencingTables(), after.referencingTables());
    compare("AUTOINCREMENT counter", before.sequence(), after.sequence());
    compare("planner statistics", before.statistics(), after.statistics());
  }

  /** Views, other tables, every index and trigger: their stored SQL must be unchanged. */
  void compareSchema(List<SchemaEntry> before, List<SchemaEntry> after) {
    Set<SchemaEntry> missing = new LinkedHashSet<>(before);
    after.forEach(missing::remove);
    Set<SchemaEntry> added = new LinkedHashSet<>(after);
    before.forEach(added::remove);
    if (!missing.isEmpty()) {
      differences.add("gone or changed after the change: " + missing);
    }
    if (!added.isEmpty()) {
      differences.add("new or changed after the change: " + added);
    }
  }

  /** Only the table's name may differ from the text the new table was created with. */
  void compareDefinition(String created, String stored) {
    String createdBody = CreateTableStatement.parse(created).afterName();
    String storedBody = CreateTableStatement.parse(stored).afterName();
    if (!createdBody.equals(storedBody)) {
      differences.add("stored definition was rewritten: created as " + created + ", stored as "
          + stored);
    }
  }

  /** A difference found by a check of the caller's own. */
  void difference(String description) {
    differences.add(description);
  }

  void throwIfDifferent() {
    if (!differences.isEmpty()) {
      throw new RebuildVerificationException(table, differences);
    }
  }

  private void compare(String what, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      differences.add(what + ": before " + before + ", after " + after);
    }
  }

  private static String describe(List<ValueCount> counts) {
    return counts.stream()
        .map(c -> c.value() + (c.type().equals("text") ? "" : " (" + c.type() + ")") + " "
            + c.count())
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
