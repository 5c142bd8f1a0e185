package dev.jobdb.config;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.nio.file.Path;

/**
 * Where the app's status enum is defined, and why that one: a class in a Python file, or (file
 * null) jobdb's built-in copy.
 *
 * @param file absolute, normalized path of the Python file; null for the built-in copy
 * @param className the enum class, {@value #DEFAULT_CLASS} unless the setting names another
 * @param source which rule chose it
 * @param origin human words for the source, e.g. {@code JOBDB_ENUM in /srv/app/.env, line 2}
 */
public record EnumLocation(Path file, String className, PathSource source, String origin) {
  public static final String DEFAULT_CLASS = "JobStatus";

  public static EnumLocation builtIn(String origin) {
    return new EnumLocation(null, DEFAULT_CLASS, PathSource.DEFAULT, origin);
  }

  public boolean isBuiltIn() {
    return file == null;
  }

  /** The file and class a setting names. */
  record FileAndClass(String file, String className) {}

  /**
   * {@code FILE[:CLASS]}: split at the last colon only when a Python identifier follows it and it
   * is not a drive letter's colon, so {@code D:\app\job_types.py:JobStatus} and
   * {@code D:\app\job_types.py} both read right.
   */
  static FileAndClass split(SettingValue value) {
    String text = value.value();
    int colon = text.lastIndexOf(':');
    boolean driveColon = colon == 1 && Character.isLetter(text.charAt(0));
    if (colon < 0 || driveColon) {
      return new FileAndClass(text, DEFAULT_CLASS);
    }
    String after = text.substring(colon + 1);
    if (after.isEmpty()) {
      throw new JobdbException(ExitCode.USAGE, "'" + text + "' (" + value.origin() + ") names no"
          + " class after the colon: write FILE:CLASS, e.g. services/job_types.py:JobStatus, or"
          + " the file alone for " + DEFAULT_CLASS);
    }
    return isPythonIdentifier(after)
        ? new FileAndClass(text.substring(0, colon), after)
        : new FileAndClass(text, DEFAULT_CLASS);
  }

  private static boolean isPythonIdentifier(String s) {
    int first = s.codePointAt(0);
    if (first != '_' && (first == '$' || !Character.isUnicodeIdentifierStart(first))) {
      return false;
    }
    return s.codePoints().skip(1).allMatch(cp -> cp == '_'
        || (cp != '$' && Character.isUnicodeIdentifierPart(cp)
            && !Character.isIdentifierIgnorable(cp)));
  }
}
