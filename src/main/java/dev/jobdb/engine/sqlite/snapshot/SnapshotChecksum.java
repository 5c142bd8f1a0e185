package dev.jobdb.engine.sqlite.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.zip.CRC32C;

/**
 * A snapshot's CRC-32C and size, kept in an extended attribute of the file itself ({@code
 * user.jobdb.crc32c}) once the snapshot has passed its check, so no second file sits beside it and
 * the value moves with the rename. A restore that finds the file unchanged since (same size, same
 * checksum) knows it holds exactly the pages that were checked, so it needs no full
 * integrity_check: reading the file once costs a fraction of a second where integrity_check costs
 * several (7-8 s at 1M rows here). A file without the attribute (a file system without extended
 * attributes, a copy that dropped them, a file from elsewhere) or whose bytes changed gets the full
 * integrity_check: the attribute can only ever save a check, never skip a needed one.
 */
final class SnapshotChecksum {
  static final String ATTRIBUTE = "jobdb.crc32c";

  private SnapshotChecksum() {}

  /** The checksum of {@code file}: {@code crc32c <hex> <bytes>}. */
  static String of(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    long size = 0;
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        crc.update(buffer, 0, n);
        size += n;
      }
    }
    return "crc32c " + Long.toHexString(crc.getValue()) + " " + size;
  }

  /** Records it on the file; where the file system cannot, restore runs the full check instead. */
  static void record(Path file) {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view == null) {
      return;
    }
    try {
      view.write(ATTRIBUTE, StandardCharsets.US_ASCII.encode(of(file)));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // no extended attributes here: restore will run integrity_check
    }
  }

  /** True when the recorded checksum exists and the file's bytes still match it. */
  static boolean unchanged(Path file) {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view == null) {
      return false;
    }
    try {
      if (!view.list().contains(ATTRIBUTE)) {
        return false;
      }
      ByteBuffer buffer = ByteBuffer.allocate(view.size(ATTRIBUTE));
      view.read(ATTRIBUTE, buffer);
      buffer.flip();
      String recorded = StandardCharsets.US_ASCII.decode(buffer).toString();
      String[] parts = recorded.split(" ");
      if (parts.length != 3 || Long.parseLong(parts[2]) != Files.size(file)) {
        return false;
      }
      return recorded.equals(of(file));
    } catch (IOException | RuntimeException e) {
      return false; // unreadable or malformed: the full integrity_check decides
    }
  }
}
