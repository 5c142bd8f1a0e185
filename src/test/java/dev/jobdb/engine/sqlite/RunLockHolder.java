package dev.jobdb.engine.sqlite;

import java.nio.file.Path;

/** A second jobdb process for {@link RunLockTest}: holds the lock until its stdin closes. */
public final class RunLockHolder {
  private RunLockHolder() {}

  public static void main(String[] args) throws Exception {
    RunLock held;
    try {
      held = RunLock.acquire(Path.of(args[0]), args[1]);
    } catch (dev.jobdb.JobdbException e) {
      System.out.println("failed: " + e.getMessage());
      System.exit(e.exitCode().code());
      return;
    }
    try (RunLock lock = held) {
      System.out.println("locked " + ProcessHandle.current().pid());
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold the lock
      }
    }
  }
}
