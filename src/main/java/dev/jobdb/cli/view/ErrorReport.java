package dev.jobdb.cli.view;

import dev.jobdb.ExitCode;
import dev.jobdb.config.DatabaseLocation;

/**
 * The JSON document every failure prints on stdout with {@code --json}, so a script always gets a
 * document: {@code {"error": {"exitCode": 3, "kind": "database_unusable", "message": "...",
 * "database": {...}}}}. The message is the one line stderr shows; {@code database} is null when
 * no database was located (a usage error, a bad .env).
 */
public record ErrorReport(Detail error) {
  record Detail(int exitCode, ExitCode kind, String message, DatabaseLocation database) {}

  public static ErrorReport of(ExitCode code, String message, DatabaseLocation database) {
    return new ErrorReport(new Detail(code.code(), code, message, database));
  }
}
