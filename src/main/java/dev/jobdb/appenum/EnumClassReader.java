package dev.jobdb.appenum;

import dev.jobdb.appenum.PythonToken.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds one enum class among a file's statements and reads its members, refusing whatever Python
 * might evaluate differently from what the text says.
 */
final class EnumClassReader {
  private static final String VALID_PYTHON =
      "check that the file is valid Python (python -m py_compile FILE)";
  private static final String STATIC_ONLY = "jobdb reads the enum without running the app's code";

  /** The two bases whose members jobdb can read: Enum (optionally with str first) and StrEnum. */
  private enum Base {
    ENUM,
    STR_ENUM
  }

  /** A member before auto() is resolved: {@code value} is null for auto(). */
  private record Candidate(String name, String value, int line) {}

  private final List<LogicalLine> lines;
  private final String className;
  private final PythonImports imports;

  private EnumClassReader(List<LogicalLine> lines, String className) {
    this.lines = lines;
    this.className = className;
    this.imports = PythonImports.of(lines);
  }

  static EnumDefinition read(List<LogicalLine> lines, String className) throws EnumFileException {
    return new EnumClassReader(lines, className).read();
  }

  private EnumDefinition read() throws EnumFileException {
    int at = findClass();
    LogicalLine header = lines.get(at);
    requireKnownDecorators(at);
    Base base = base(header);
    List<LogicalLine> body = new ArrayList<>();
    for (int k = at + 1; k < lines.size() && lines.get(k).indent() > 0; k++) {
      body.add(lines.get(k));
    }
    if (body.isEmpty()) {
      throw new EnumFileException(header.line(), "class " + className + " has no body",
          VALID_PYTHON);
    }
    return new EnumDefinition(className, header.line(), members(header, base, body));
  }

  private int findClass() throws EnumFileException {
    List<Integer> topLevel = new ArrayList<>();
    LogicalLine nested = null;
    List<String> otherClasses = new ArrayList<>();
    for (int k = 0; k < lines.size(); k++) {
      List<PythonToken> t = lines.get(k).tokens();
      if (t.size() < 2 || !t.get(0).isName("class")) {
        continue;
      }
      boolean top = lines.get(k).indent() == 0;
      if (t.get(1).isName(className)) {
        if (top) {
          topLevel.add(k);
        } else if (nested == null) {
          nested = lines.get(k);
        }
      } else if (top) {
        otherClasses.add(t.get(1).text());
      }
    }
    if (topLevel.size() > 1) {
      throw new EnumFileException(lines.get(topLevel.get(1)).line(), "class " + className
          + " is defined a second time (first on line " + lines.get(topLevel.get(0)).line() + ")",
          "keep one definition of " + className + " in the file");
    }
    if (topLevel.isEmpty() && nested != null) {
      throw new EnumFileException(nested.line(), "class " + className + " is defined inside"
          + " another block, and jobdb cannot tell whether that block runs",
          "define " + className + " at the top level of the file");
    }
    if (topLevel.isEmpty()) {
      throw new EnumFileException(0, "no class " + className + " in the file ("
          + (otherClasses.isEmpty() ? "it defines no classes"
              : "its classes: " + String.join(", ", otherClasses)) + ")",
          "name the enum's class after a colon (FILE:CLASS), or point the setting at the file"
              + " that defines " + className);
    }
    return topLevel.get(0);
  }

  /**
   * A decorator may replace the class or its members; only the enum module's checks
   * ({@code @unique}, {@code @verify(...)}) leave them as written.
   */
  private void requireKnownDecorators(int classAt) throws EnumFileException {
    for (int k = classAt - 1; k >= 0 && lines.get(k).first().isOperator("@"); k--) {
      List<PythonToken> t = lines.get(k).tokens();
      int end = 1;
      while (end < t.size() && !t.get(end).isOperator("(")) {
        end++;
      }
      List<String> name = PythonTokens.dotted(t.subList(1, end));
      String enumName = name == null ? null : imports.enumName(name);
      if (!"unique".equals(enumName) && !"verify".equals(enumName)) {
        throw new EnumFileException(lines.get(k).line(), "class " + className + " has the"
            + " decorator " + lines.get(k).text() + ", which may change its members",
            "remove it, or keep only enum's @unique or @verify: " + STATIC_ONLY);
      }
    }
  }

  /** Reads {@code class NAME(bases):} and decides which of the two enum kinds it is. */
  private Base base(LogicalLine header) throws EnumFileException {
    List<PythonToken> t = header.tokens();
    if (t.size() < 3 || !t.get(2).isOperator("(")) {
      throw notAnEnum(header, "has no base class");
    }
    int close = PythonTokens.closing(t, 2);
    if (close < 0 || close + 1 >= t.size() || !t.get(close + 1).isOperator(":")) {
      throw new EnumFileException(header.line(), "a class statement jobdb cannot read ("
          + header.text() + ")", VALID_PYTHON);
    }
    if (close + 2 < t.size()) {
      throw new EnumFileException(header.line(), "class " + className + " has its body on the"
          + " class line", "put each member on a line of its own");
    }
    List<List<PythonToken>> arguments = PythonTokens.split(t.subList(3, close));
    Base base = null;
    boolean str = false;
    for (List<PythonToken> argument : arguments) {
      List<String> dotted = PythonTokens.dotted(argument);
      if (dotted == null) {
        throw notAnEnum(header, "has a base or keyword jobdb cannot read with certainty ("
            + PythonTokens.text(argument) + ")");
      }
      String enumName = imports.enumName(dotted);
      if (dotted.equals(List.of("str")) && base == null && !str) {
        str = true;
      } else if ("Enum".equals(enumName) && base == null) {
        base = Base.ENUM;
      } else if ("StrEnum".equals(enumName) && base == null && !str) {
        base = Base.STR_ENUM;
      } else if (enumName != null && !enumName.equals("Enum") && !enumName.equals("StrEnum")) {
        throw notAnEnum(header, "is an " + enumName + ", whose values are not strings");
      } else {
        throw notAnEnum(header, "has the base " + String.join(".", dotted)
            + ", which jobdb cannot tell is Python's enum.Enum or enum.StrEnum");
      }
    }
    if (base == null) {
      throw notAnEnum(header, "is not based on Enum or StrEnum");
    }
    return base;
  }

  private EnumFileException notAnEnum(LogicalLine header, String why) {
    return new EnumFileException(header.line(), "class " + className + " " + why,
        "base it on Enum, (str, Enum) or StrEnum imported from Python's enum module, or point"
            + " the setting at the app's enum");
  }

  private List<EnumMember> members(LogicalLine header, Base base, List<LogicalLine> body)
      throws EnumFileException {
    int bodyIndent = body.get(0).indent();
    boolean insideCompound = false;
    Integer customGenerate = null;
    List<Candidate> candidates = new ArrayList<>();
    for (LogicalLine line : body) {
      if (line.indent() > bodyIndent) {
        if (!insideCompound) {
          throw new EnumFileException(line.line(), "unexpected indentation", VALID_PYTHON);
        }
        continue;
      }
      if (line.indent() < bodyIndent) {
        throw new EnumFileException(line.line(), "indentation that matches no outer block",
            VALID_PYTHON);
      }
      insideCompound = false;
      List<PythonToken> t = line.tokens();
      PythonToken first = line.first();
      if (t.stream().allMatch(x -> x.kind() == Kind.STRING)
          || (t.size() == 1 && (first.isName("pass") || first.isOperator("...")))
          || first.isOperator("@")) {
        continue; // docstring, pass, a decorator of the def that follows
      }
      if (first.isName("class")) {
        throw new EnumFileException(line.line(), "a class inside " + className + ", which is a"
            + " member before Python 3.13 and not from 3.13 on", "move the inner class out of "
            + className);
      }
      if (first.isName("def") || first.isName("async")) {
        insideCompound = true;
        int nameAt = first.isName("async") ? 2 : 1;
        if (t.size() > nameAt && t.get(nameAt).isName("_generate_next_value_")) {
          customGenerate = line.line();
        }
        continue;
      }
      Candidate candidate = assignment(line);
      if (candidate != null) {
        candidates.add(candidate);
      }
    }
    return resolve(header, base, candidates, customGenerate);
  }

  /** A body-level statement that is neither a def nor a docstring: a member, or refused. */
  private Candidate assignment(LogicalLine line) throws EnumFileException {
    List<PythonToken> t = line.tokens();
    boolean annotated = t.size() >= 2 && t.get(1).isOperator(":");
    if (t.get(0).kind() != Kind.NAME || t.size() < 2
        || !(t.get(1).isOperator("=") || annotated)) {
      throw new EnumFileException(line.line(), "a statement in class " + className
          + " that jobdb cannot read with certainty (" + line.text() + ")",
          "keep only members (NAME = \"value\"), a docstring and methods in the class: "
              + STATIC_ONLY);
    }
    List<Integer> equals = PythonTokens.topLevelEquals(t);
    if (annotated && equals.isEmpty()) {
      return null; // a declaration without a value is not a member
    }
    String name = t.get(0).text();
    if (equals.size() > 1) {
      throw new EnumFileException(line.line(), "a chained assignment in class " + className
          + " (" + line.text() + ")", "give each member a line of its own: NAME = \"value\"");
    }
    if (name.length() > 4 && name.startsWith("__") && name.endsWith("__")) {
      return null; // a dunder name is never a member
    }
    if (name.startsWith("__")) {
      throw new EnumFileException(line.line(), className + "." + name + " is a private name, a"
          + " member or not depending on the Python version", "rename it without the leading"
          + " underscores, or move it out of the class");
    }
    if (name.equals("_order_")) {
      return null; // only checks the order Python already keeps
    }
    if (name.length() > 2 && name.startsWith("_") && name.endsWith("_")) {
      throw new EnumFileException(line.line(), className + "." + name + " changes how Python"
          + " builds the members", "remove it: " + STATIC_ONLY);
    }
    List<PythonToken> value = PythonTokens.unwrap(t.subList(equals.get(0) + 1, t.size()));
    if (isAuto(value)) {
      return new Candidate(name, null, line.line());
    }
    if (value.isEmpty() || !value.stream().allMatch(x -> x.kind() == Kind.STRING)) {
      throw new EnumFileException(line.line(), className + "." + name + " is not a string"
          + " literal (" + line.text() + ")", "write its value as a string, e.g. " + name
          + " = \"" + name.toLowerCase(Locale.ROOT) + "\": " + STATIC_ONLY);
    }
    StringBuilder joined = new StringBuilder();
    for (PythonToken part : value) {
      Optional<String> s = PythonStrings.value(part.text());
      if (s.isEmpty()) {
        throw new EnumFileException(line.line(), className + "." + name + " is not a plain"
            + " string (" + part.text() + ")", "write its value as a plain string, e.g. "
            + name + " = \"" + name.toLowerCase(Locale.ROOT) + "\": " + STATIC_ONLY);
      }
      joined.append(s.get());
    }
    return new Candidate(name, joined.toString(), line.line());
  }

  private boolean isAuto(List<PythonToken> v) {
    if (v.size() < 3 || !v.get(v.size() - 2).isOperator("(") || !v.get(v.size() - 1).isOperator(")")) {
      return false;
    }
    List<String> callee = PythonTokens.dotted(v.subList(0, v.size() - 2));
    return callee != null && "auto".equals(imports.enumName(callee));
  }

  private List<EnumMember> resolve(LogicalLine header, Base base, List<Candidate> candidates,
      Integer customGenerate) throws EnumFileException {
    if (candidates.isEmpty()) {
      throw new EnumFileException(header.line(), "class " + className + " has no members",
          "point the setting at the class that lists the app's statuses");
    }
    Map<String, EnumMember> byName = new LinkedHashMap<>();
    Map<String, EnumMember> byValue = new LinkedHashMap<>();
    List<EnumMember> members = new ArrayList<>();
    for (Candidate c : candidates) {
      String value = c.value() != null ? c.value() : auto(c, base, customGenerate);
      EnumMember member = new EnumMember(c.name(), value, c.line());
      EnumMember sameName = byName.putIfAbsent(c.name(), member);
      if (sameName != null) {
        throw new EnumFileException(c.line(), className + "." + c.name() + " is defined a second"
            + " time (first on line " + sameName.line() + "); Python refuses that",
            "keep one " + c.name());
      }
      EnumMember sameValue = byValue.putIfAbsent(value, member);
      if (sameValue != null) {
        throw new EnumFileException(c.line(), className + "." + c.name() + " repeats the value '"
            + value + "' of " + sameValue.name() + " (line " + sameValue.line() + "), so Python"
            + " makes it an alias, not a status of its own", "give " + c.name()
            + " a value of its own, or remove it");
      }
      if (value.isEmpty() || value.contains(",") || !value.equals(value.strip())) {
        throw new EnumFileException(c.line(), className + "." + c.name() + " has the value '"
            + value + "', and jobdb's changesets list statuses separated by commas",
            "use a status without commas and without leading or trailing spaces");
      }
      members.add(member);
    }
    return members;
  }

  /** Python's rule for auto(): StrEnum gives the lower-case member name. */
  private String auto(Candidate c, Base base, Integer customGenerate) throws EnumFileException {
    if (customGenerate != null) {
      throw new EnumFileException(c.line(), className + "." + c.name() + " = auto() follows the"
          + " class's own _generate_next_value_ (line " + customGenerate + ")",
          "write the value as a string: " + STATIC_ONLY);
    }
    if (base != Base.STR_ENUM) {
      throw new EnumFileException(c.line(), className + "." + c.name() + " = auto() in a plain"
          + " Enum, where auto() gives numbers (1, 2, ...)", "write the value as a string, e.g. "
          + c.name() + " = \"" + c.name().toLowerCase(Locale.ROOT) + "\", or base the class on"
          + " StrEnum, where auto() is the lower-case name");
    }
    return c.name().toLowerCase(Locale.ROOT);
  }
}
