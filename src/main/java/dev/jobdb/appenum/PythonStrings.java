package dev.jobdb.appenum;

import java.util.Locale;
import java.util.Optional;

/** The value of a Python string literal, as Python reads it. */
final class PythonStrings {
  private PythonStrings() {}

  /**
   * @param literal the token's text, prefix and quotes included
   * @return the str value; empty for a literal whose value is not a constant str (bytes, f- and
   *     t-strings) or that Python would not compile (a malformed escape)
   */
  static Optional<String> value(String literal) {
    int quote = 0;
    while (literal.charAt(quote) != '"' && literal.charAt(quote) != '\'') {
      quote++;
    }
    String prefix = literal.substring(0, quote).toLowerCase(Locale.ROOT);
    if (prefix.contains("b") || prefix.contains("f") || prefix.contains("t")) {
      return Optional.empty();
    }
    String body = literal.substring(quote);
    int quotes = body.length() >= 6 && body.startsWith(body.substring(0, 1).repeat(3)) ? 3 : 1;
    body = body.substring(quotes, body.length() - quotes);
    if (prefix.contains("r")) {
      return Optional.of(body);
    }
    try {
      return Optional.of(unescape(body));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String unescape(String body) {
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\' || i + 1 >= body.length()) {
        out.append(c);
        continue;
      }
      char e = body.charAt(++i);
      switch (e) {
        case '\n' -> { }
        case '\r' -> {
          if (i + 1 < body.length() && body.charAt(i + 1) == '\n') {
            i++;
          }
        }
        case '\\', '\'', '"' -> out.append(e);
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000B');
        case 'x' -> i = hex(body, i, 2, out);
        case 'u' -> i = hex(body, i, 4, out);
        case 'U' -> i = hex(body, i, 8, out);
        case 'N' -> i = named(body, i, out);
        default -> {
          if (e >= '0' && e <= '7') {
            int end = i;
            while (end < body.length() && end < i + 3 && body.charAt(end) >= '0'
                && body.charAt(end) <= '7') {
              end++;
            }
            out.appendCodePoint(Integer.parseInt(body.substring(i, end), 8));
            i = end - 1;
          } else {
            // Python keeps an unknown escape as it is (and warns)
            out.append('\\').append(e);
          }
        }
      }
    }
    return out.toString();
  }

  /** {@code \xhh}, {@code \\uXXXX}, {@code \UXXXXXXXX}; {@code i} is at the letter. */
  private static int hex(String body, int i, int digits, StringBuilder out) {
    if (i + digits >= body.length()) {
      throw new IllegalArgumentException("short escape");
    }
    // parseInt accepts a sign, Python does not
    String hex = body.substring(i + 1, i + 1 + digits);
    if (!hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
      throw new IllegalArgumentException("bad escape");
    }
    out.appendCodePoint(Integer.parseInt(hex, 16));
    return i + digits;
  }

  /** {@code \N{NAME}}; {@code i} is at the N. */
  private static int named(String body, int i, StringBuilder out) {
    int close = body.indexOf('}', i);
    if (i + 1 >= body.length() || body.charAt(i + 1) != '{' || close < 0) {
      throw new IllegalArgumentException("bad escape");
    }
    out.appendCodePoint(Character.codePointOf(body.substring(i + 2, close)));
    return close;
  }
}
