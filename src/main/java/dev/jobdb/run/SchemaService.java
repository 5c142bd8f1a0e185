package dev.jobdb.run;

import dev.jobdb.config.StatusEnum;
import dev.jobdb.engine.Engine;
import dev.jobdb.schema.DamageCheck;
import dev.jobdb.schema.DriftReport;

/** verify-schema: how the database's job_queue drifts from the app's enum. Reads only. */
public final class SchemaService {
  public DriftReport inspect(Engine engine, StatusEnum statusEnum, DamageCheck check) {
    return engine.inspect(statusEnum, check);
  }
}
