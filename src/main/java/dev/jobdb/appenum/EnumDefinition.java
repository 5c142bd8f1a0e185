package dev.jobdb.appenum;

import java.util.List;

/**
 * A Python enum class as read from its file.
 *
 * @param className the class's name
 * @param line the line of its {@code class} statement
 * @param members its members in definition order (Python's iteration order)
 */
public record EnumDefinition(String className, int line, List<EnumMember> members) {
  public EnumDefinition {
    members = List.copyOf(members);
  }

  /** The members' values in definition order. */
  public List<String> values() {
    return members.stream().map(EnumMember::value).toList();
  }
}
