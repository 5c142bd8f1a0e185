package dev.jobdb.run;

import dev.jobdb.db.JobCounts;
import dev.jobdb.snapshot.Snapshots;
import dev.jobdb.snapshot.SnapshotInfo;
import dev.jobdb.snapshot.SnapshotRetention;

import dev.jobdb.config.ChangelogLocation;
import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.db.SchemaReads;
import dev.jobdb.db.Sqlite;
import dev.jobdb.run.StatusResult.ChangesetState;
import dev.jobdb.schema.LiveStatusCheck;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liquibase.changelog.ChangeSet;

/** Reads, never writes: applied and pending changesets, the live constraint, the snapshots. */
public final class StatusService {

  public StatusResult status(DatabaseLocation location, ChangelogLocation changelog,
      Path backupDir, Duration busyTimeout) {
    List<ChangeSet> changeSets = LiquibaseRunner.changelog(changelog).getChangeSets();
    try (Connection c = Sqlite.openReadOnly(location, busyTimeout)) {
      Map<String, AppliedChangeset> applied = new LinkedHashMap<>();
      for (AppliedChangeset a : ChangelogHistory.read(c)) {
        applied.put(a.key(), a);
      }
      List<ChangesetState> states = new ArrayList<>();
      for (ChangeSet cs : changeSets) {
        AppliedChangeset a = applied.remove(AppliedChangeset.key(cs));
        states.add(a == null
            ? new ChangesetState(cs.getId(), cs.getComments(), "pending", null, null)
            : new ChangesetState(cs.getId(), cs.getComments(), "applied", a.appliedAt(), a.how()));
      }
      for (AppliedChangeset unknown : applied.values()) {
        states.add(new ChangesetState(unknown.id(), "not in the changelog", "applied",
            unknown.appliedAt(), unknown.how()));
      }
      String tableSql = SchemaReads.tableSql(c, "job_queue");
      List<String> live = tableSql == null ? null
          : LiveStatusCheck.allowedValues(tableSql, "status").orElse(null);
      List<SnapshotInfo> snapshots = new Snapshots().list(location.path(), backupDir);
      return new StatusResult(location, tableSql != null, states, live, JobCounts.read(c),
          snapshots, SnapshotRetention.bytes(snapshots));
    } catch (SQLException e) {
      throw Sqlite.unusable(location, e);
    }
  }
}
