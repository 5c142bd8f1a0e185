package dev.jobdb.run;

import dev.jobdb.config.ChangelogLocation;
import dev.jobdb.config.StatusEnum;
import dev.jobdb.engine.Engine;
import dev.jobdb.engine.LockPolicy;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything a migrate up or rollback needs, resolved by the command.
 *
 * @param engine the database, file or URL, and what differs about it
 * @param create create the database when the file does not exist (SQLite)
 * @param backup take a snapshot first
 * @param backupDir where snapshots go (null: the engine's default)
 * @param remap explicit status mapping for a narrowing ({@code --remap})
 * @param progress progress lines for stderr
 * @param statusEnum the app's enum, for the custom changes that default to it
 * @param changelog the changelog folder (or the built-in changelog) the run applies
 * @param rebuild SQLite: rebuild the table for each constraint change instead of in place
 * @param keepSnapshots snapshots of the database kept after this run's
 * @param lockPolicy how long a step may wait for a lock that blocks the app's writers
 * @param rewriteEnum narrowing a native enum type may rewrite job_queue
 */
public record ChangeRequest(
    Engine engine,
    boolean create,
    boolean dryRun,
    boolean backup,
    Path backupDir,
    boolean verbose,
    Map<String, String> remap,
    Consumer<String> progress,
    StatusEnum statusEnum,
    ChangelogLocation changelog,
    boolean rebuild,
    int keepSnapshots,
    LockPolicy lockPolicy,
    boolean rewriteEnum) {}
