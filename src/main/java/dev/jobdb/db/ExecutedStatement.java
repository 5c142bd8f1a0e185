package dev.jobdb.db;

/** One SQL statement the rebuilder ran, in the order it ran them. */
public record ExecutedStatement(StatementKind kind, String sql) {}
