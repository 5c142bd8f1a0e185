package dev.jobdb.cli.options;

import dev.jobdb.ExitCode;
import dev.jobdb.JobdbException;
import dev.jobdb.config.StatusEnum;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where rows go that a narrower constraint rejects; the same option for migrate up and rollback. */
public final class RemapOptions {
  @Option(
      names = "--remap",
      paramLabel = "FROM=TO",
      split = ",",
      description = "Move rows in status FROM to status TO, inside the same transaction, e.g."
          + " zombie=failed,timeout=failed,retrying=pending,dead_letter=failed.")
  public Map<String, String> remap = new LinkedHashMap<>();

  /** The mapping, each target checked against the enum. */
  public Map<String, String> checked(StatusEnum statusEnum) {
    for (Map.Entry<String, String> e : remap.entrySet()) {
      if (!statusEnum.contains(e.getValue())) {
        throw new JobdbException(ExitCode.USAGE, "--remap " + e.getKey() + "=" + e.getValue()
            + ": '" + e.getValue() + "' is not a " + statusEnum.className() + " value; use one of "
            + String.join(", ", statusEnum.values()));
      }
    }
    return remap;
  }
}
