package dev.jobdb.config;

import java.util.Properties;

/**
 * A PostgreSQL database to work on, and why that one. The password is kept apart from everything
 * that is printed: {@link #display()} never contains it.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/db?...} without user or password
 * @param user the user name, or null for the driver's default
 * @param password the password, or null
 * @param display the URL as it may be shown: {@code postgresql://user@host:port/db}
 * @param origin human words for where it came from, e.g. {@code DATABASE_URL in /srv/app/.env}
 */
public record DatabaseUrl(
    String jdbcUrl, String user, String password, String display, String origin)
    implements DatabaseTarget {

  /** The driver's connection properties: user and password, never part of the URL. */
  public Properties credentials() {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return properties;
  }

  public String describe() {
    return display + " (" + origin + ")";
  }

  @Override
  public String toString() {
    return describe();
  }
}
