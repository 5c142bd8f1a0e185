package dev.jobdb.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 15 for the tests, started once per JVM: {@code initdb} of a temporary cluster,
 * started on a free loopback port, stopped and deleted when the JVM exits. PostgreSQL refuses to
 * run as root, so as root every server command runs through {@code runuser -u postgres}.
 *
 * <p>The binaries: {@code JOBDB_PG_BIN}, else Debian's {@code /usr/lib/postgresql/15/bin}
 * ({@code apt-get install postgresql-15}; .ci/run installs it when missing).
 */
public final class PostgresServer {
  private static final String DEFAULT_BIN = "/usr/lib/postgresql/15/bin";
  private static PostgresServer shared;

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asRoot;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer(Path bin, Path dir, int port, boolean asRoot) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asRoot = asRoot;
  }

  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = start();
      PostgresServer server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    }
    return shared;
  }

  /**
   * A server of its own, for a test that stops it; the caller stops it with {@link #destroy}.
   */
  public static PostgresServer startPrivate() {
    PostgresServer server = start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  /** Stops the server as an operator would ({@code pg_ctl stop -m fast}: sessions are ended). */
  public void stopFast() throws IOException {
    server(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
        "-m", "fast", "-w", "stop"));
  }

  /** Starts a stopped server again on the same port and data. */
  public void startAgain() throws IOException {
    server(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w",
        "-t", "60", "-l", dir.resolve("server.log").toString(), "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
        "start"));
  }

  /** Stops the server and removes its folder. */
  public void destroy() {
    stop();
  }

  public int port() {
    return port;
  }

  /** A new, empty database on the server; its URL in the form the user passes to --db-url. */
  public String createDatabase() {
    String name = "jobdb_test_" + databases.incrementAndGet();
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return "postgresql://postgres@127.0.0.1:" + port + "/" + name;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  private static PostgresServer start() {
    Path bin = Path.of(System.getenv().getOrDefault("JOBDB_PG_BIN", DEFAULT_BIN));
    if (!Files.isExecutable(bin.resolve("initdb"))) {
      throw new IllegalStateException("no PostgreSQL binaries in " + bin + ": install them with"
          + " 'apt-get install -y postgresql-15' (bash .ci/run does), or set JOBDB_PG_BIN");
    }
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    try {
      Path dir = Files.createTempDirectory("jobdb-pg-");
      if (asRoot) {
        run(List.of("chown", "postgres", dir.toString()), false, dir);
      }
      Path data = dir.resolve("data");
      PostgresServer probe = new PostgresServer(bin, dir, 0, asRoot);
      probe.server(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U",
          "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
      IOException last = null;
      for (int attempt = 0; attempt < 5; attempt++) {
        int port = freePort();
        PostgresServer server = new PostgresServer(bin, dir, port, asRoot);
        try {
          server.server(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w",
              "-t", "60", "-l", dir.resolve("server.log").toString(), "-o",
              "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                  + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
              "start"));
          return server;
        } catch (IOException e) {
          last = e; // the port was taken in between: try another
        }
      }
      throw last;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
    }
  }

  private void stop() {
    try {
      server(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
          "-m", "immediate", "stop"));
    } catch (IOException e) {
      // already stopped
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a temporary folder
    }
  }

  private void server(List<String> command) throws IOException {
    run(command, asRoot, dir);
  }

  private static void run(List<String> command, boolean asPostgres, Path dir) throws IOException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Path log = Files.createTempFile("jobdb-pg-cmd", ".log");
    try {
      Process p = new ProcessBuilder(full).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", full) + " failed: "
            + Files.readString(log, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
