package dev.jobdb;

/**
 * An expected failure: its message is the one line the user sees (what is wrong, which path or
 * value, what to do next) and its exit code comes from {@link ExitCode}.
 */
public class JobdbException extends RuntimeException {
  private final ExitCode exitCode;

  public JobdbException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public JobdbException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
