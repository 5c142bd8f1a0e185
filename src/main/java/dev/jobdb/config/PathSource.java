package dev.jobdb.config;

/** Where the database path came from, in order of precedence. */
public enum PathSource {
  FLAG("--db"),
  ENVIRONMENT("environment"),
  ENV_FILE(".env"),
  DEFAULT("default");

  private final String label;

  PathSource(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
