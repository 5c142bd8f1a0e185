package dev.jobdb.schema.parse;

/**
 * A column as declared in CREATE TABLE.
 *
 * @param name the column's name, quotes removed
 * @param declaredType the type as written ({@code TEXT}, {@code VARCHAR(20)}), or empty when none
 * @param start offset of the definition's first character in the CREATE TABLE text
 * @param end offset just after its last token
 */
public record ColumnDefinition(String name, String declaredType, int start, int end) {}
