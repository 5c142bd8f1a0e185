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
 * run as root, so as root every server command runs through {@code runuser} as the user
 * {@code postgres} where it exists, else as {@code nobody}.
 *
 * <p>The binaries: {@link PostgresBinaries} (an installed PostgreSQL 15, else Maven Central's).
 */
public final class PostgresServer {
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
    server(List.of(tool("pg_ctl"), "-D", dir.resolve("data").toString(),
        "-m", "fast", "-w", "stop"));
  }

  /** Starts a stopped server again on the same port and data. */
  public void startAgain() throws IOException {
    server(List.of(tool("pg_ctl"), "-D", dir.resolve("data").toString(), "-w",
        "-t", "60", "-l", dir.resolve("server.log").toString(), "-o", options(port, dir),
        "start"));
  }

  /** Loopback only, no durability (a test cluster), a socket folder of its own where there are sockets. */
  private static String options(int port, Path dir) {
    return "-p " + port + (PostgresBinaries.windows() ? "" : " -k " + dir)
        + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
        + " -c full_page_writes=off -c max_connections=200";
  }

  private String tool(String name) {
    return bin.resolve(PostgresBinaries.executable(name)).toString();
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
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    try {
      Path bin = PostgresBinaries.bin();
      if (!Files.isExecutable(bin.resolve(PostgresBinaries.executable("initdb")))) {
        throw new IOException("no initdb in " + bin + " (JOBDB_PG_BIN)");
      }
      Path dir = Files.createTempDirectory("jobdb-pg-");
      if (asRoot) {
        run(List.of("chown", SERVER_USER.get(), dir.toString()), false, dir);
      }
      Path data = dir.resolve("data");
      PostgresServer probe = new PostgresServer(bin, dir, 0, asRoot);
      probe.server(List.of(probe.tool("initdb"), "-D", data.toString(), "-U",
          "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"));
      IOException last = null;
      for (int attempt = 0; attempt < 5; attempt++) {
        int port = freePort();
        PostgresServer server = new PostgresServer(bin, dir, port, asRoot);
        try {
          server.server(List.of(server.tool("pg_ctl"), "-D", data.toString(), "-w",
              "-t", "60", "-l", dir.resolve("server.log").toString(), "-o",
              options(port, dir), "start"));
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

  /** The unprivileged user a root test run starts the server as: postgres, else nobody. */
  private static final java.util.function.Supplier<String> SERVER_USER = new java.util.function
      .Supplier<>() {
    private String user;

    @Override
    public synchronized String get() {
      if (user == null) {
        try {
          Process id = new ProcessBuilder("id", "-u", "postgres").redirectErrorStream(true)
              .start();
          user = id.waitFor() == 0 ? "postgres" : "nobody";
        } catch (IOException e) {
          user = "nobody";
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          user = "nobody";
        }
      }
      return user;
    }
  };

  private void stop() {
    try {
      server(List.of(tool("pg_ctl"), "-D", dir.resolve("data").toString(),
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
      full.addAll(List.of("runuser", "-u", SERVER_USER.get(), "--"));
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
      deleteLater(log);
    }
  }

  /**
   * On Windows the started server inherits pg_ctl's handles, this log's among them, and a file
   * open elsewhere cannot be deleted there: such a log goes when the JVM exits.
   */
  private static void deleteLater(Path log) {
    try {
      Files.deleteIfExists(log);
    } catch (IOException stillOpen) {
      log.toFile().deleteOnExit();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
