package dev.jobdb.cli.view;

import dev.jobdb.ExitCode;
import dev.jobdb.config.DatabaseLocation;
import dev.jobdb.config.DatabaseTarget;
import dev.jobdb.config.DatabaseUrl;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON document every failure prints on stdout with {@code --json}, so a script always gets a
 * document: {@code {"error": {"exitCode": 3, "kind": "database_unusable", "message": "...",
 * "database": {...}}}}. The message is the one line stderr shows; {@code database} names the
 * database the run was given ({@code path, source, origin, warnings} for a file, {@code url,
 * origin} for a server, never a password) and is null when none was located (a usage error).
 */
public record ErrorReport(Detail error) {
  record Detail(int exitCode, ExitCode kind, String message, Map<String, Object> database) {}

  public static ErrorReport of(ExitCode code, String message, Map<String, Object> database) {
    return new ErrorReport(new Detail(code.code(), code, message, database));
  }

  public static Map<String, Object> database(DatabaseTarget target) {
    return target instanceof DatabaseUrl url ? database(url)
        : database((DatabaseLocation) target);
  }

  public static Map<String, Object> database(DatabaseLocation location) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("path", location.path().toString());
    json.put("source", location.source().name().toLowerCase(java.util.Locale.ROOT));
    json.put("origin", location.origin());
    json.put("warnings", location.warnings());
    return json;
  }

  public static Map<String, Object> database(DatabaseUrl url) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("url", url.display());
    json.put("origin", url.origin());
    return json;
  }
}
