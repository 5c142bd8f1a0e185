package dev.jobdb.engine.postgres;

import dev.jobdb.config.DatabaseTarget;
import dev.jobdb.config.DatabaseUrl;
import dev.jobdb.engine.Engine;
import dev.jobdb.engine.EngineKind;
import dev.jobdb.engine.LiveSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/** PostgreSQL: a server database named by a URL (see META-INF/services). */
public final class PostgresKind implements EngineKind {
  @Override
  public Optional<Engine> engine(DatabaseTarget target, Duration busyTimeout) {
    return target instanceof DatabaseUrl url ? Optional.of(new PostgresEngine(url))
        : Optional.empty();
  }

  @Override
  public boolean drives(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
  }

  @Override
  public LiveSchema schema(Connection c) {
    return new PgSchema(c, null);
  }
}
