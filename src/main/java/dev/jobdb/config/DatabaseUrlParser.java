package dev.jobdb.config;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code postgresql://user:password@host:port/db} (also {@code postgres://}) and {@code
 * jdbc:postgresql://host:port/db?user=...&password=...} into a {@link DatabaseUrl} whose shown form
 * has no password.
 */
final class DatabaseUrlParser {
  private DatabaseUrlParser() {}

  static DatabaseUrl parse(String value, String origin) {
    String text = value.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    String withoutJdbc = lower.startsWith("jdbc:") ? text.substring(5) : text;
    String scheme = withoutJdbc.toLowerCase(Locale.ROOT);
    if (!scheme.startsWith("postgresql://") && !scheme.startsWith("postgres://")) {
      throw bad(origin, "not a PostgreSQL URL (it must start with postgresql://,"
          + " postgres:// or jdbc:postgresql://)");
    }
    URI uri;
    try {
      uri = new URI(withoutJdbc);
    } catch (URISyntaxException e) {
      throw bad(origin, "cannot read it as a URL (" + e.getReason() + ")");
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      throw bad(origin, "no host in it");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String database = path.startsWith("/") ? path.substring(1) : path;
    if (database.isBlank()) {
      throw bad(origin, "no database name after the host (postgresql://user@host:5432/DATABASE)");
    }
    String user = null;
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    List<String> kept = new ArrayList<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String val = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (key.equals("user")) {
          user = val;
        } else if (key.equals("password")) {
          password = val;
        } else {
          kept.add(pair);
        }
      }
    }
    String hostPort = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    String query = kept.isEmpty() ? "" : "?" + String.join("&", kept);
    String jdbcUrl = "jdbc:postgresql://" + hostPort + "/" + database + query;
    String display = "postgresql://" + (user == null ? "" : user + "@") + hostPort + "/"
        + decode(database) + query;
    return new DatabaseUrl(jdbcUrl, user, password, display, origin);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static JobdbException bad(String origin, String problem) {
    // The value itself is not repeated: it may hold a password.
    return new JobdbException(ExitCode.USAGE, "database URL (" + origin + "): " + problem
        + "; write it as postgresql://user:password@host:5432/database");
  }
}
