package dev.jobdb.run;

import dev.jobdb.config.ChangelogLocation;
import dev.jobdb.engine.Engine;
import dev.jobdb.engine.LiveSchema;
import dev.jobdb.run.StatusResult.ChangesetState;
import dev.jobdb.engine.SnapshotInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liquibase.changelog.ChangeSet;

/** Reads, never writes: applied and pending changesets, the live constraint, the snapshots. */
public final class StatusService {

  public StatusResult status(Engine engine, ChangelogLocation changelog, Path backupDir) {
    List<ChangeSet> changeSets = LiquibaseRunner.changelog(changelog).getChangeSets();
    try (Connection c = engine.openForReading()) {
      LiveSchema schema = engine.schema(c);
      Map<String, AppliedChangeset> applied = new LinkedHashMap<>();
      for (AppliedChangeset a : ChangelogHistory.read(c, schema)) {
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
      boolean present = schema.tableExists("job_queue");
      List<String> live = present ? schema.allowedValues("job_queue", "status").orElse(null)
          : null;
      List<SnapshotInfo> snapshots = engine.snapshots(backupDir);
      return new StatusResult(engine.target(), present, states, live, schema.counts(),
          snapshots, SnapshotInfo.bytes(snapshots));
    } catch (SQLException e) {
      throw engine.unusable(e);
    }
  }
}
