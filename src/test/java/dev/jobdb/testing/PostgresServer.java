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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 15 for the tests, started once per JVM: {@code initdb} of a temporary cluster,
 * started on a free loopback port, stopped and deleted when the JVM exits. The binaries come from
 * {@link PgBinaries}: the system's where installed, else embedded ones from Maven Central. No root
 * needed; PostgreSQL refuses to run as root, so as root every server command runs as another user:
 * {@code postgres} through {@code runuser} where that user exists, else {@code nobody} (uid 65534)
 * through {@code setpriv}.
 */
public final class PostgresServer {
  private static PostgresServer shared;

  private final Path bin;
  private final Path dir;
  private final int port;
  private final List<String> runAs;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer(Path bin, Path dir, int port, List<String> runAs) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.runAs = runAs;
  }

  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = start();
      PostgresServer server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    }
    return shared;
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
    Path bin = PgBinaries.find();
    boolean asRoot = "root".equals(System.getProperty("user.name"));
    try {
      Path dir = Files.createTempDirectory("jobdb-pg-");
      List<String> runAs = List.of();
      if (asRoot) {
        boolean postgresUser = succeeds(List.of("id", "-u", "postgres"), dir);
        runAs = postgresUser ? List.of("runuser", "-u", "postgres", "--")
            : List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--");
        run(List.of("chown", postgresUser ? "postgres" : "65534:65534", dir.toString()),
            List.of(), dir);
      }
      Path data = dir.resolve("data");
      PostgresServer probe = new PostgresServer(bin, dir, 0, runAs);
      probe.server(List.of(PgBinaries.executable(bin, "initdb").toString(), "-D", data.toString(),
          "-U", "postgres", "--auth=trust", "-E", "UTF8", locale(), "--no-sync"));
      IOException last = null;
      for (int attempt = 0; attempt < 5; attempt++) {
        int port = freePort();
        PostgresServer server = new PostgresServer(bin, dir, port, runAs);
        try {
          server.server(List.of(PgBinaries.executable(bin, "pg_ctl").toString(), "-D",
              data.toString(), "-w", "-t", "60", "-l", dir.resolve("server.log").toString(), "-o",
              "-p " + port + socketOption(dir) + " -c listen_addresses=127.0.0.1 -c fsync=off"
                  + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
              "start"));
          return server;
        } catch (IOException e) {
          last = e; // the port was taken in between: try another
        }
      }
      throw last;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start PostgreSQL from " + bin + ": "
          + e.getMessage(), e);
    }
  }

  /** C.UTF-8 where glibc has it (as before); macOS and Windows know no such locale. */
  private static String locale() {
    return System.getProperty("os.name").startsWith("Linux") ? "--locale=C.UTF-8" : "--no-locale";
  }

  /** The Unix socket beside the data folder; Windows connects over TCP only. */
  private static String socketOption(Path dir) {
    return System.getProperty("os.name").startsWith("Windows") ? "" : " -k " + dir;
  }

  private void stop() {
    try {
      server(List.of(PgBinaries.executable(bin, "pg_ctl").toString(), "-D",
          dir.resolve("data").toString(),
          "-m", "immediate", "stop"));
    } catch (IOException e) {
      // already stopped
    }
    PgBinaries.deleteTree(dir);
  }

  private void server(List<String> command) throws IOException {
    run(command, runAs, dir);
  }

  private static boolean succeeds(List<String> command, Path dir) {
    try {
      run(command, List.of(), dir);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void run(List<String> command, List<String> runAs, Path dir) throws IOException {
    List<String> full = new ArrayList<>(runAs);
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
