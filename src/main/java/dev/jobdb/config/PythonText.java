package dev.jobdb.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Text as the app's Python code sees it: the lines of a file opened in text mode (universal
 * newlines) and {@code str.strip()} with no argument. Java's own {@code strip()} and
 * {@code lines()} differ at the edges (no-break spaces, form feeds, a lone carriage return), and
 * those edges decide which line the app takes.
 */
final class PythonText {
  private PythonText() {}

  /** {@code for line in open(f)}: a line ends at {@code \n}, {@code \r\n} or a lone {@code \r}. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /** {@code s.strip()}: removes the characters Python's {@code str.isspace()} accepts. */
  static String strip(String s) {
    int begin = 0;
    int end = s.length();
    while (begin < end && isSpace(s.charAt(begin))) {
      begin++;
    }
    while (end > begin && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(begin, end);
  }

  /** {@code s.lstrip(chars)} for one character. */
  static String lstrip(String s, char c) {
    int begin = 0;
    while (begin < s.length() && s.charAt(begin) == c) {
      begin++;
    }
    return s.substring(begin);
  }

  /** Python's {@code str.isspace()} for one character (Unicode White_Space and the separators). */
  static boolean isSpace(char c) {
    return switch (c) {
      case '\t', '\n', '\u000b', '\f', '\r', '\u001c', '\u001d', '\u001e', '\u001f', ' ',
          '\u0085', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000' -> true;
      default -> c >= '\u2000' && c <= '\u200a';
    };
  }
}
