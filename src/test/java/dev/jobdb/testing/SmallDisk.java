package dev.jobdb.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted for one test, so the disk really fills up (ENOSPC) or really is read-only
 * (EROFS, which binds root too). Mounting needs root: elsewhere the test is skipped, saying why.
 * {@link #close} unmounts it.
 */
public final class SmallDisk implements AutoCloseable {
  private final Path mountPoint;
  private boolean mounted;

  private SmallDisk(Path mountPoint) {
    this.mountPoint = mountPoint;
  }

  /** A tmpfs of {@code bytes} at {@code mountPoint} (created), or the test is skipped. */
  public static SmallDisk mount(Path mountPoint, long bytes) throws IOException {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "mounting a small tmpfs needs root; this test runs only as root");
    Files.createDirectories(mountPoint);
    SmallDisk disk = new SmallDisk(mountPoint);
    int rc = run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", mountPoint.toString());
    Assumptions.assumeTrue(rc == 0, "mount -t tmpfs failed (exit " + rc + "): no permission"
        + " to mount in this container");
    disk.mounted = true;
    return disk;
  }

  public Path path() {
    return mountPoint;
  }

  /** Writes a filler file until the disk is full; returns it. */
  public Path fill() throws IOException {
    Path filler = mountPoint.resolve("filler");
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      // ENOSPC: the disk is full now
    }
    return filler;
  }

  /** Leaves about {@code bytes} free by writing a filler file. */
  public Path leaveFree(long bytes) throws IOException {
    Path filler = mountPoint.resolve("filler");
    long usable = Files.getFileStore(mountPoint).getUsableSpace();
    long size = Math.max(0, usable - bytes);
    try (OutputStream out = Files.newOutputStream(filler)) {
      byte[] block = new byte[4096];
      for (long written = 0; written < size; written += block.length) {
        out.write(block, 0, (int) Math.min(block.length, size - written));
      }
    }
    return filler;
  }

  public long free() throws IOException {
    return Files.getFileStore(mountPoint).getUsableSpace();
  }

  /** Remounts the tmpfs read-only (or back read-write). */
  public void readOnly(boolean readOnly) throws IOException {
    int rc = run("mount", "-o", "remount," + (readOnly ? "ro" : "rw"), mountPoint.toString());
    if (rc != 0) {
      throw new IOException("cannot remount " + mountPoint + " (exit " + rc + ")");
    }
  }

  @Override
  public void close() throws IOException {
    if (mounted) {
      mounted = false;
      run("umount", "-l", mountPoint.toString());
    }
  }

  static int run(String... command) throws IOException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
