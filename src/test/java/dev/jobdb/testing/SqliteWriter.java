package dev.jobdb.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Another process holding a database's write lock: the {@code sqlite3} shell in {@code BEGIN
 * IMMEDIATE}, as an app worker in a long transaction would. {@link #close} rolls back and ends it.
 */
public final class SqliteWriter implements AutoCloseable {
  private final Process process;
  private final OutputStream in;

  private SqliteWriter(Process process) {
    this.process = process;
    this.in = process.getOutputStream();
  }

  /** Returns once the other process holds the write lock. */
  public static SqliteWriter holdWriteLock(Path db) throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sqlite3")),
        "needs the sqlite3 shell (apt-get install sqlite3) as the other process");
    Process p = new ProcessBuilder("/usr/bin/sqlite3", db.toString()).redirectErrorStream(true)
        .start();
    SqliteWriter writer = new SqliteWriter(p);
    writer.in.write("BEGIN IMMEDIATE;\nSELECT 'held';\n".getBytes(StandardCharsets.UTF_8));
    writer.in.flush();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    String line = out.readLine();
    if (!"held".equals(line)) {
      p.destroyForcibly();
      throw new IOException("sqlite3 did not take the write lock: " + line);
    }
    return writer;
  }

  @Override
  public void close() throws IOException {
    try {
      in.write("ROLLBACK;\n.quit\n".getBytes(StandardCharsets.UTF_8));
      in.close();
    } catch (IOException ignored) {
      // it is gone already
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
