package dev.jobdb.appenum;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Python file's bytes into text as Python does (PEP 263 and PEP 3120): UTF-8 unless line 1
 * or 2 declares another encoding ({@code # -*- coding: cp1251 -*-}); a UTF-8 byte order mark is
 * dropped. Bytes the encoding cannot decode are refused, never replaced.
 */
final class PythonSource {
  private static final Pattern CODING =
      Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)");
  private static final Pattern BLANK_OR_COMMENT = Pattern.compile("^[ \\t\\f]*(#.*)?$");
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private PythonSource() {}

  static String decode(byte[] bytes) throws EnumFileException {
    int start = startsWithBom(bytes) ? BOM.length : 0;
    Charset charset = declaredEncoding(bytes, start);
    if (start > 0 && !charset.equals(StandardCharsets.UTF_8)) {
      throw new EnumFileException(1, "the file starts with a UTF-8 byte order mark but declares "
          + charset.name(), "save it as UTF-8, or drop the mark");
    }
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate((int) (bytes.length * (double) decoder.maxCharsPerByte()) + 16);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new EnumFileException(lineAt(bytes, in.position()), "bytes that are not "
          + charset.name() + " text", "save the file as " + charset.name()
          + " (Python would refuse it too), or declare its encoding on line 1");
    }
    decoder.flush(out);
    out.flip();
    return out.toString();
  }

  private static boolean startsWithBom(byte[] bytes) {
    return bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
  }

  /** PEP 263: a coding comment on line 1, or on line 2 when line 1 is blank or a comment. */
  private static Charset declaredEncoding(byte[] bytes, int start) throws EnumFileException {
    // ISO-8859-1 maps every byte to one char, so the first lines can be read before the encoding
    // is known; the declaration itself is ASCII.
    String head = new String(bytes, start, Math.min(bytes.length - start, 4096),
        StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n|\r|\n", 3);
    for (int i = 0; i < Math.min(2, lines.length); i++) {
      Matcher m = CODING.matcher(lines[i]);
      if (m.find()) {
        return charset(m.group(1), i + 1);
      }
      if (!BLANK_OR_COMMENT.matcher(lines[i]).matches()) {
        break;
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static Charset charset(String declared, int line) throws EnumFileException {
    String name = declared.toLowerCase(Locale.ROOT).replace('_', '-');
    if (name.equals("utf-8") || name.equals("utf8") || name.startsWith("utf-8-")) {
      return StandardCharsets.UTF_8;
    }
    if (name.equals("latin-1") || name.startsWith("latin-1-") || name.equals("iso-latin-1")) {
      return StandardCharsets.ISO_8859_1;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new EnumFileException(line, "unknown source encoding '" + declared + "'",
          "declare an encoding such as utf-8, or save the file as UTF-8 and drop the declaration");
    }
  }

  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
        line++;
      }
    }
    return line;
  }
}
