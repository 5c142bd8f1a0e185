package dev.jobdb.config;

/**
 * Where a setting came from, in order of precedence: the same rule for the database, the enum and
 * the changelog folder. JSON shows it in lower case ({@code env_file}).
 */
public enum PathSource {
  FLAG,
  ENVIRONMENT,
  ENV_FILE,
  DEFAULT
}
