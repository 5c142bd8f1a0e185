package dev.jobdb.engine;

import dev.jobdb.config.DatabaseTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;

/** Picks the engine of a database: from what the user gave, or from an open connection. */
public final class Engines {
  private static final List<EngineKind> KINDS = ServiceLoader.load(EngineKind.class,
      Engines.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();

  private Engines() {}

  /** @param busyTimeout how long SQLite waits for the app's writers */
  public static Engine of(DatabaseTarget target, Duration busyTimeout) {
    for (EngineKind kind : KINDS) {
      var engine = kind.engine(target, busyTimeout);
      if (engine.isPresent()) {
        return engine.get();
      }
    }
    throw new IllegalStateException("no engine for " + target.describe());
  }

  /** The live schema over a connection Liquibase hands to a custom change. */
  public static LiveSchema schema(Connection c) throws SQLException {
    for (EngineKind kind : KINDS) {
      if (kind.drives(c)) {
        return kind.schema(c);
      }
    }
    throw new SQLException("jobdb has no engine for " + c.getMetaData().getDatabaseProductName());
  }
}
