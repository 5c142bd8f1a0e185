package dev.jobdb.engine.sqlite;

import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.config.DatabaseTarget;
import dev.jobdb.engine.Engine;
import dev.jobdb.engine.EngineKind;
import dev.jobdb.engine.LiveSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/** SQLite: a database file (see META-INF/services). */
public final class SqliteKind implements EngineKind {
  @Override
  public Optional<Engine> engine(DatabaseTarget target, Duration busyTimeout) {
    return target instanceof DatabaseLocation file
        ? Optional.of(new SqliteEngine(file, busyTimeout)) : Optional.empty();
  }

  @Override
  public boolean drives(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().equalsIgnoreCase("SQLite");
  }

  @Override
  public LiveSchema schema(Connection c) {
    return new SqliteSchema(c);
  }
}
