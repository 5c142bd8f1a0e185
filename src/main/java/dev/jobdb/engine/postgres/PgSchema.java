package dev.jobdb.engine.postgres;

import dev.jobdb.config.DatabaseUrl;
import dev.jobdb.db.JobCounts;
import dev.jobdb.engine.ChangeContext;
import dev.jobdb.engine.Jdbc;
import dev.jobdb.engine.LiveSchema;
import dev.jobdb.engine.StatusChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL's schema from its catalogs, names resolved like unquoted SQL identifiers (Liquibase
 * creates its tables as databasechangelog and databasechangeloglock there).
 */
final class PgSchema implements LiveSchema {
  private final Connection c;
  private final DatabaseUrl url;

  /** @param url for messages; null when only the connection is known (inside Liquibase) */
  PgSchema(Connection c, DatabaseUrl url) {
    this.c = c;
    this.url = url;
  }

  private DatabaseUrl url() throws SQLException {
    if (url != null) {
      return url;
    }
    String jdbc = c.getMetaData().getURL();
    return new DatabaseUrl(jdbc, null, null, jdbc.replaceFirst("^jdbc:", ""),
        "the connection Liquibase runs on");
  }

  @Override
  public boolean tableExists(String table) throws SQLException {
    return Jdbc.anyRow(c, "SELECT 1 FROM pg_class WHERE oid = to_regclass(lower(?))"
        + " AND relkind IN ('r', 'p')", table);
  }

  @Override
  public boolean columnExists(String table, String column) throws SQLException {
    return Jdbc.anyRow(c, "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(lower(?))"
        + " AND attname = lower(?) AND attnum > 0 AND NOT attisdropped", table, column);
  }

  @Override
  public boolean indexExists(String index) throws SQLException {
    return Jdbc.anyRow(c,
        "SELECT 1 FROM pg_class WHERE oid = to_regclass(lower(?)) AND relkind = 'i'", index);
  }

  /**
   * The enum type's labels, or what every list CHECK on status allows together. A CHECK an
   * interrupted run left under jobdb's temporary name does not count: the change is not done.
   */
  @Override
  public Optional<List<String>> allowedValues(String table, String column) throws SQLException {
    if (!tableExists(table)) {
      throw new MissingTable(table);
    }
    PgStatusColumn live = PgCatalog.read(c, url());
    if (live.isEnum()) {
      return Optional.of(live.enumValues());
    }
    List<String> allowed = null;
    for (PgCheck check : live.checks()) {
      if (check.statusOnly() && check.isList()
          && !check.name().equals(PgStatusChange.TEMPORARY)) {
        if (allowed == null) {
          allowed = new ArrayList<>(check.listedValues());
        } else {
          allowed.retainAll(check.listedValues());
        }
      }
    }
    return Optional.ofNullable(allowed).map(List::copyOf);
  }

  @Override
  public JobCounts counts() throws SQLException {
    if (!tableExists(PgCatalog.TABLE)) {
      return JobCounts.NO_TABLE;
    }
    Map<String, Long> byStatus = PgJobCounts.byStatus(c, PgCatalog.read(c, url()));
    return new JobCounts(byStatus.values().stream().mapToLong(Long::longValue).sum(), byStatus);
  }

  @Override
  public void changeStatus(StatusChange change, ChangeContext context) throws SQLException {
    new PgStatusChange(c, url(), context).apply(change);
  }
}
