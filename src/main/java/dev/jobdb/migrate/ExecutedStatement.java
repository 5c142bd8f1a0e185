package dev.jobdb.migrate;

/** One SQL statement the rebuilder ran, in the order it ran them. */
public record ExecutedStatement(StatementKind kind, String sql) {}
