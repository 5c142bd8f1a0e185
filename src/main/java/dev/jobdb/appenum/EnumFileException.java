package dev.jobdb.appenum;

/**
 * The enum file cannot be read with certainty.
 *
 * @see #line()
 */
public final class EnumFileException extends Exception {
  private final int line;
  private final String problem;
  private final String fix;

  /**
   * @param line the line it is about (1-based), or 0 when it is about the whole file
   * @param problem what jobdb found
   * @param fix what the user can do about it
   */
  EnumFileException(int line, String problem, String fix) {
    super(problem + ": " + fix);
    this.line = line;
    this.problem = problem;
    this.fix = fix;
  }

  public int line() {
    return line;
  }

  public String problem() {
    return problem;
  }

  public String fix() {
    return fix;
  }
}
