package dev.jobdb.db;

/**
 * How many rows hold one value of the counted column.
 *
 * @param value the value as text ({@code null} for SQL NULL)
 * @param type its storage class, as {@code typeof()} reports it
 */
public record ValueCount(String value, String type, long count) {}
