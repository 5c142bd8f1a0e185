package dev.jobdb.config;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.appenum.EnumDefinition;
import dev.jobdb.appenum.EnumFileException;
import dev.jobdb.appenum.PythonEnumReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns an {@link EnumLocation} into the enum's values, with one clear line when it cannot. */
final class StatusEnumLoader {
  private StatusEnumLoader() {}

  static StatusEnum load(EnumLocation location) {
    if (location.isBuiltIn()) {
      return StatusEnum.builtIn(location.origin());
    }
    Path file = location.file();
    String className = location.className();
    String where = file + " (" + location.origin() + ")";
    if (!Files.exists(file) || Files.isDirectory(file)) {
      throw new JobdbException(ExitCode.USAGE, "enum file "
          + (Files.isDirectory(file) ? "is a directory: " : "not found: ") + where
          + ": point --enum or JOBDB_ENUM at the Python file that defines " + className
          + ", or remove it to use jobdb's built-in copy");
    }
    try {
      EnumDefinition definition = PythonEnumReader.read(file, className);
      return new StatusEnum(location.source(), file, className, definition.values(),
          location.origin());
    } catch (IOException e) {
      throw new JobdbException(ExitCode.USAGE, "cannot read enum file " + where + ": "
          + e.getMessage() + ": check its permissions", e);
    } catch (EnumFileException e) {
      throw new JobdbException(ExitCode.USAGE, "cannot read " + className + " in " + file
          + (e.line() > 0 ? ", line " + e.line() : "") + " (" + location.origin() + "): "
          + e.getMessage(), e);
    }
  }
}
