package dev.jobdb.pg.change;

import dev.jobdb.config.DatabaseUrl;
import dev.jobdb.pg.PgCatalog;
import dev.jobdb.pg.PgJobCounts;
import dev.jobdb.pg.PgStatusColumn;
import dev.jobdb.pg.Postgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** status on PostgreSQL: what the live column accepts, whether migrate up is pending, the jobs. */
public final class PgStatusService {
  /**
   * @param constraint how status is constrained: {@code check}, {@code enum} or {@code none}
   * @param accepts what it accepts (empty for none: every value)
   * @param migrateUpPending true when migrate up would change something
   * @param interruptedRun true when a killed run left its temporary constraint behind
   */
  public record Result(String database, String constraint, List<String> accepts,
      boolean migrateUpPending, boolean interruptedRun, Map<String, Long> jobs) {}

  /** @param statuses the app's status enum values */
  public Result status(DatabaseUrl url, List<String> statuses) {
    try (Connection c = Postgres.open(url, "status")) {
      c.setReadOnly(true);
      PgStatusColumn table = PgCatalog.read(c, url);
      boolean pending = OnlineStatusChange.needed(table, new StatusChangePlan("migrate up",
          statuses, true, Map.of(), false));
      boolean interrupted = table.checks().stream()
          .anyMatch(ch -> ch.name().equals(OnlineStatusChange.TEMPORARY));
      String kind = table.isEnum() ? "enum " + table.enumType()
          : table.checks().isEmpty() ? "none" : "check";
      return new Result(url.display(), kind, PgChangeService.accepted(table), pending,
          interrupted, PgJobCounts.byStatus(c, table));
    } catch (SQLException e) {
      throw Postgres.unusable(url, e);
    }
  }
}
