package dev.jobdb.engine;

import dev.jobdb.config.DatabaseTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * A kind of database jobdb works on, found through {@link java.util.ServiceLoader} (the jar's
 * {@code META-INF/services}), so that nothing outside an engine's package names it.
 */
public interface EngineKind {
  /** The engine for {@code target} when it is this kind's. */
  Optional<Engine> engine(DatabaseTarget target, Duration busyTimeout);

  /** True when {@code c} is a connection to this kind of database. */
  boolean drives(Connection c) throws SQLException;

  /** The live schema over a connection this kind {@link #drives}. */
  LiveSchema schema(Connection c);
}
