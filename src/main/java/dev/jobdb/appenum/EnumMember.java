package dev.jobdb.appenum;

/**
 * One member of a Python enum class.
 *
 * @param name the member's name, e.g. {@code DEAD_LETTER}
 * @param value the string the app stores, e.g. {@code dead_letter}
 * @param line where it is defined (1-based)
 */
public record EnumMember(String name, String value, int line) {}
