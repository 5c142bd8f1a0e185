package dev.jobdb.cli.view;

import dev.jobdb.db.Sqlite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * What {@code jobdb --version} reports: jobdb's and Liquibase's versions as this build recorded
 * them from the pom, the SQLite engine inside sqlite-jdbc (asked from the engine itself) and the
 * Java runtime running jobdb.
 */
public record VersionReport(
    String jobdb, String sqlite, String sqliteJdbc, String liquibase, String java, String javaVendor,
    String javaHome) {
  private static final String BUILD_INFO = "/dev/jobdb/version.properties";

  public static VersionReport current() {
    Properties build = buildInfo();
    return new VersionReport(
        build.getProperty("jobdb.version", "unknown"),
        Sqlite.engineVersion(),
        build.getProperty("sqlite-jdbc.version", "unknown"),
        build.getProperty("liquibase.version", "unknown"),
        Runtime.version().toString(),
        System.getProperty("java.vendor", "unknown"),
        System.getProperty("java.home", "unknown"));
  }

  public List<String> lines() {
    return List.of(
        "jobdb " + jobdb,
        "SQLite " + sqlite + " (sqlite-jdbc " + sqliteJdbc + ")",
        "Liquibase " + liquibase,
        "Java " + java + " (" + javaVendor + ", " + javaHome + ")");
  }

  private static Properties buildInfo() {
    Properties properties = new Properties();
    try (InputStream in = VersionReport.class.getResourceAsStream(BUILD_INFO)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUILD_INFO + " from the jar", e);
    }
    return properties;
  }
}
