package dev.jobdb.cli;

import dev.jobdb.fixture.DeployedDatabase;
import dev.jobdb.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;

/** The stored CREATE TABLE text of a freshly deployed database, to compare snapshots against. */
final class DeployedDatabaseSql {
  private DeployedDatabaseSql() {}

  static String deployedTableSql(Path scratch) throws Exception {
    Path reference = Files.createTempDirectory(scratch, "reference");
    return TestDatabases.tableSql(TestDatabases.deployed(reference), "job_queue");
  }
}
