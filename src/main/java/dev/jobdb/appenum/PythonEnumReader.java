package dev.jobdb.appenum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an enum class from a Python file statically: the file is tokenized, never run. It
 * understands what real enum files hold (Enum, (str, Enum) and StrEnum classes, members written as
 * string literals or StrEnum's auto(), comments in any language, docstrings, other classes,
 * methods, an encoding line) and refuses, with the line, whatever it cannot read with certainty.
 */
public final class PythonEnumReader {
  private PythonEnumReader() {}

  /**
   * @throws IOException the file cannot be read
   * @throws EnumFileException the class is not there or cannot be read with certainty
   */
  public static EnumDefinition read(Path file, String className)
      throws IOException, EnumFileException {
    return parse(Files.readAllBytes(file), className);
  }

  static EnumDefinition parse(byte[] source, String className) throws EnumFileException {
    return EnumClassReader.read(PythonTokenizer.tokenize(PythonSource.decode(source)), className);
  }
}
