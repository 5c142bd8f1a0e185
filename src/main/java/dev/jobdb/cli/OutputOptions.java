package dev.jobdb.cli;

import picocli.CommandLine.Option;

/** How results are shown. */
public final class OutputOptions {
  @Option(names = "--json", description = "Print the result as one JSON document on stdout.")
  boolean json;

  @Option(names = "--verbose", description = "Show Liquibase's log and stack traces on stderr.")
  boolean verbose;

  public boolean json() {
    return json;
  }

  public boolean verbose() {
    return verbose;
  }
}
