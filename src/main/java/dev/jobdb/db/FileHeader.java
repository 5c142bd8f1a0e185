package dev.jobdb.db;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The 100-byte header of a SQLite database file (https://www.sqlite.org/fileformat.html), read
 * without SQLite: enough to refuse a file that is not SQLite, has an impossible page size, or is
 * shorter than the page count its header records (a truncated copy), before any query runs.
 */
record FileHeader(int pageSize, long pagesInHeader, boolean pageCountValid) {
  static final int LENGTH = 100;
  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  static boolean hasMagic(byte[] bytes, int length) {
    return length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /** Empty when fewer than 100 bytes were read. */
  static Optional<FileHeader> parse(byte[] bytes, int length) {
    if (length < LENGTH) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(bytes); // SQLite stores integers big-endian
    int rawPageSize = Short.toUnsignedInt(b.getShort(16));
    int pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
    long changeCounter = Integer.toUnsignedLong(b.getInt(24));
    long pages = Integer.toUnsignedLong(b.getInt(28));
    long validFor = Integer.toUnsignedLong(b.getInt(92));
    // The in-header size is only kept by SQLite 3.7.0+ and only valid while these two agree.
    return Optional.of(new FileHeader(pageSize, pages, pages > 0 && validFor == changeCounter));
  }

  /** A power of two from 512 to 65536, as SQLite requires. */
  boolean pageSizeValid() {
    return pageSize >= 512 && pageSize <= 65536 && Integer.bitCount(pageSize) == 1;
  }

  /** A file shorter than its header's page count has lost its tail (the WAL never shortens it). */
  boolean truncated(long fileBytes) {
    return pageCountValid && fileBytes < pagesInHeader * pageSize;
  }
}
