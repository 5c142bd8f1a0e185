package dev.jobdb.appenum;

import dev.jobdb.appenum.PythonToken.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Splits Python source into logical lines of tokens, following Python's lexical rules closely
 * enough to find statements with certainty: comments, blank lines, strings of every quoting (also
 * triple-quoted over many lines), implicit joining inside brackets, backslash joining, and
 * indentation. Anything Python's own tokenizer would reject (an unterminated string, an unmatched
 * bracket, a stray character) is refused rather than guessed around.
 */
final class PythonTokenizer {
  private static final Set<String> THREE_CHAR = Set.of("**=", "//=", ">>=", "<<=", "...");
  private static final Set<String> TWO_CHAR = Set.of("**", "//", ">>", "<<", "<=", ">=", "==",
      "!=", "->", ":=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=");
  private static final String ONE_CHAR = "+-*/%@&|^~<>()[]{},:;.=";
  private static final String STRING_PREFIX_LETTERS = "rRbBuUfFtT";

  private final String s;
  private int i;
  private int line = 1;
  private final Deque<PythonToken> brackets = new ArrayDeque<>();
  private final List<LogicalLine> lines = new ArrayList<>();
  private List<PythonToken> tokens = new ArrayList<>();
  private int indent;
  private int startLine;

  private PythonTokenizer(String source) {
    this.s = source;
  }

  static List<LogicalLine> tokenize(String source) throws EnumFileException {
    PythonTokenizer t = new PythonTokenizer(source);
    t.run();
    return t.lines;
  }

  private void run() throws EnumFileException {
    boolean lineStart = true;
    while (i < s.length()) {
      if (lineStart && tokens.isEmpty() && brackets.isEmpty()) {
        lineStart = false;
        indent = indentation();
        startLine = line;
        continue;
      }
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        newline();
        if (brackets.isEmpty() && !tokens.isEmpty()) {
          lines.add(new LogicalLine(startLine, indent, tokens));
          tokens = new ArrayList<>();
        }
        lineStart = true;
      } else if (c == ' ' || c == '\t' || c == '\f') {
        i++;
      } else if (c == '#') {
        skipComment();
      } else if (c == '\\') {
        i++;
        if (i >= s.length() || (s.charAt(i) != '\n' && s.charAt(i) != '\r')) {
          throw new EnumFileException(line, "a backslash outside a string that does not end the"
              + " line", "check that the file is valid Python (python -m py_compile FILE)");
        }
        newline();
      } else if (startsString()) {
        tokens.add(string());
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length()
          && Character.isDigit(s.charAt(i + 1)))) {
        tokens.add(number());
      } else if (isNameStart(s.codePointAt(i))) {
        tokens.add(name());
      } else {
        tokens.add(operator());
      }
    }
    if (!brackets.isEmpty()) {
      PythonToken open = brackets.peek();
      throw new EnumFileException(open.line(), "'" + open.text() + "' is never closed",
          "check that the file is valid Python (python -m py_compile FILE)");
    }
    if (!tokens.isEmpty()) {
      lines.add(new LogicalLine(startLine, indent, tokens));
    }
  }

  /** Reads a line's leading whitespace; a blank or comment-only line is skipped whole. */
  private int indentation() {
    int column = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ') {
        column++;
      } else if (c == '\t') {
        column = (column / 8 + 1) * 8;
      } else if (c == '\f') {
        column = 0;
      } else {
        break;
      }
      i++;
    }
    return column;
  }

  private void newline() {
    if (s.charAt(i) == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
      i++;
    }
    i++;
    line++;
  }

  private void skipComment() {
    while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
      i++;
    }
  }

  private boolean startsString() {
    int j = i;
    while (j < s.length() && j - i < 2 && STRING_PREFIX_LETTERS.indexOf(s.charAt(j)) >= 0) {
      j++;
    }
    return j < s.length() && (s.charAt(j) == '"' || s.charAt(j) == '\'');
  }

  private PythonToken string() throws EnumFileException {
    int start = i;
    int first = line;
    while (s.charAt(i) != '"' && s.charAt(i) != '\'') {
      i++;
    }
    char quote = s.charAt(i);
    boolean triple = s.startsWith(String.valueOf(quote).repeat(3), i);
    i += triple ? 3 : 1;
    while (true) {
      if (i >= s.length()) {
        throw unterminated(first);
      }
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
        if (i < s.length() && (s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
          newline();
        } else {
          i++;
        }
      } else if (c == '\n' || c == '\r') {
        if (!triple) {
          throw unterminated(first);
        }
        newline();
      } else if (c == quote && (!triple || s.startsWith(String.valueOf(quote).repeat(3), i))) {
        i += triple ? 3 : 1;
        return new PythonToken(Kind.STRING, s.substring(start, i), first);
      } else {
        i++;
      }
    }
  }

  private static EnumFileException unterminated(int line) {
    return new EnumFileException(line, "a string that is never closed",
        "check that the file is valid Python (python -m py_compile FILE)");
  }

  private PythonToken number() {
    int start = i;
    while (i < s.length()) {
      char c = s.charAt(i);
      boolean exponentSign = (c == '+' || c == '-') && i > start
          && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')
          && !s.substring(start, i).toLowerCase(java.util.Locale.ROOT).startsWith("0x");
      if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || exponentSign) {
        i++;
      } else {
        break;
      }
    }
    return new PythonToken(Kind.NUMBER, s.substring(start, i), line);
  }

  private static boolean isNameStart(int cp) {
    return cp == '_' || (cp != '$' && Character.isUnicodeIdentifierStart(cp));
  }

  private static boolean isNamePart(int cp) {
    return cp == '_' || (cp != '$' && Character.isUnicodeIdentifierPart(cp)
        && !Character.isIdentifierIgnorable(cp));
  }

  private PythonToken name() {
    int start = i;
    i += Character.charCount(s.codePointAt(i));
    while (i < s.length() && isNamePart(s.codePointAt(i))) {
      i += Character.charCount(s.codePointAt(i));
    }
    return new PythonToken(Kind.NAME, s.substring(start, i), line);
  }

  private PythonToken operator() throws EnumFileException {
    String text;
    if (i + 3 <= s.length() && THREE_CHAR.contains(s.substring(i, i + 3))) {
      text = s.substring(i, i + 3);
    } else if (i + 2 <= s.length() && TWO_CHAR.contains(s.substring(i, i + 2))) {
      text = s.substring(i, i + 2);
    } else if (ONE_CHAR.indexOf(s.charAt(i)) >= 0) {
      text = s.substring(i, i + 1);
    } else {
      throw new EnumFileException(line, "a character Python does not allow here ('"
          + new String(Character.toChars(s.codePointAt(i))) + "')",
          "check that the file is valid Python (python -m py_compile FILE)");
    }
    i += text.length();
    PythonToken token = new PythonToken(Kind.OPERATOR, text, line);
    switch (text) {
      case "(", "[", "{" -> brackets.push(token);
      case ")", "]", "}" -> close(token);
      default -> { }
    }
    return token;
  }

  private void close(PythonToken token) throws EnumFileException {
    String expected = brackets.isEmpty() ? null : switch (brackets.peek().text()) {
      case "(" -> ")";
      case "[" -> "]";
      default -> "}";
    };
    if (!token.text().equals(expected)) {
      throw new EnumFileException(token.line(), "'" + token.text() + "' does not match"
          + (brackets.isEmpty() ? " any opening bracket"
              : " the '" + brackets.peek().text() + "' on line " + brackets.peek().line()),
          "check that the file is valid Python (python -m py_compile FILE)");
    }
    brackets.pop();
  }
}
