package dev.jobdb.schema;

/**
 * How many jobs have one status.
 *
 * @param status the stored value; null for rows whose status is NULL
 */
public record StatusCount(String status, long count) {}
