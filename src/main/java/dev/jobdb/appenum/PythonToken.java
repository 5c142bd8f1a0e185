package dev.jobdb.appenum;

/** One token of Python source; comments, blank lines and line breaks inside brackets are gone. */
record PythonToken(Kind kind, String text, int line) {
  enum Kind {
    NAME,
    NUMBER,
    STRING,
    OPERATOR
  }

  boolean isName(String name) {
    return kind == Kind.NAME && text.equals(name);
  }

  boolean isOperator(String operator) {
    return kind == Kind.OPERATOR && text.equals(operator);
  }
}
