package dev.jobdb.appenum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which names in a file are certainly the standard library's {@code enum} module or names from it.
 * A name bound anywhere else too (a backport such as {@code from strenum import StrEnum}, a class of
 * the same name) is not certain: its {@code auto()} may follow another rule.
 */
final class PythonImports {
  private static final List<String> ENUM_EXPORTS = List.of("Enum", "StrEnum", "IntEnum", "Flag",
      "IntFlag", "ReprEnum", "auto", "unique", "EnumMeta", "EnumType");

  /** local name -> name inside the enum module, for {@code from enum import X [as Y]} */
  private final Map<String, String> fromEnum = new HashMap<>();
  /** local names bound to the enum module itself */
  private final Set<String> enumModule = new HashSet<>();
  /** local names also bound by something else */
  private final Set<String> boundElsewhere = new HashSet<>();

  static PythonImports of(List<LogicalLine> lines) {
    PythonImports imports = new PythonImports();
    for (LogicalLine line : lines) {
      List<PythonToken> t = line.tokens();
      if (t.get(0).isName("from") && t.size() >= 4) {
        imports.from(t);
      } else if (t.get(0).isName("import")) {
        imports.plain(t);
      } else if (line.indent() == 0 && t.size() >= 2
          && (t.get(0).isName("class") || t.get(0).isName("def"))) {
        imports.boundElsewhere.add(t.get(1).text());
      }
    }
    return imports;
  }

  /** {@code from M import a [as b], ...}, {@code from M import (a, b)}, {@code from M import *}. */
  private void from(List<PythonToken> t) {
    int importAt = indexOfName(t, "import");
    if (importAt < 0) {
      return;
    }
    boolean isEnum = importAt == 2 && t.get(1).isName("enum");
    List<PythonToken> names = t.subList(importAt + 1, t.size());
    if (names.size() == 1 && names.get(0).isOperator("*")) {
      if (isEnum) {
        ENUM_EXPORTS.forEach(n -> fromEnum.put(n, n));
      }
      return;
    }
    for (int k = 0; k < names.size(); k++) {
      PythonToken n = names.get(k);
      if (n.kind() != PythonToken.Kind.NAME) {
        continue;
      }
      String local = n.text();
      if (k + 2 < names.size() && names.get(k + 1).isName("as")) {
        local = names.get(k + 2).text();
        k += 2;
      }
      if (isEnum) {
        fromEnum.put(local, n.text());
      } else {
        boundElsewhere.add(local);
      }
    }
  }

  /** {@code import enum}, {@code import enum as e}, {@code import os.path, enum}. */
  private void plain(List<PythonToken> t) {
    List<PythonToken> part = new ArrayList<>();
    for (PythonToken token : t.subList(1, t.size())) {
      if (token.isOperator(",")) {
        bindModule(part);
        part = new ArrayList<>();
      } else {
        part.add(token);
      }
    }
    bindModule(part);
  }

  /** One {@code a.b [as c]} of an import statement. */
  private void bindModule(List<PythonToken> part) {
    if (part.isEmpty() || part.get(0).kind() != PythonToken.Kind.NAME) {
      return;
    }
    int as = indexOfName(part, "as");
    String local = as > 0 && as + 1 < part.size() ? part.get(as + 1).text() : part.get(0).text();
    boolean isEnum = part.get(0).isName("enum") && (part.size() == 1 || as == 1);
    if (isEnum) {
      enumModule.add(local);
    } else {
      boundElsewhere.add(local);
    }
  }

  private static int indexOfName(List<PythonToken> t, String name) {
    for (int k = 0; k < t.size(); k++) {
      if (t.get(k).isName(name)) {
        return k;
      }
    }
    return -1;
  }

  /**
   * @param dotted a name as written, e.g. {@code StrEnum} or {@code enum.StrEnum}
   * @return its name in the enum module when certainly from there, else null
   */
  String enumName(List<String> dotted) {
    if (dotted.size() == 1) {
      String local = dotted.get(0);
      return boundElsewhere.contains(local) || enumModule.contains(local) ? null
          : fromEnum.get(local);
    }
    if (dotted.size() == 2 && enumModule.contains(dotted.get(0))
        && !boundElsewhere.contains(dotted.get(0)) && !fromEnum.containsKey(dotted.get(0))) {
      return dotted.get(1);
    }
    return null;
  }
}
