package dev.jobdb.config;

/**
 * The database a command was given, whatever its kind: a file ({@link DatabaseLocation}) or a
 * server URL ({@link DatabaseUrl}), with where it came from. The run picks its engine from it.
 */
public sealed interface DatabaseTarget permits DatabaseLocation, DatabaseUrl {
  /** The database and where it came from, as the first line of every command shows it. */
  String describe();

  /** Where it came from, in human words. */
  String origin();
}
