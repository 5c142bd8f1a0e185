package dev.jobdb.engine.sqlite.change;

import dev.jobdb.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * A jobdb-like process for {@link InPlaceKillTest}: widens the status constraint in place,
 * announcing each step and pausing after the announcement, so a kill lands between two steps of
 * the open transaction.
 */
public final class InPlaceChild {
  private InPlaceChild() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    try (Connection c = TestDatabases.openForRebuild(db)) {
      new StatusConstraintChanger(false, line -> {
        System.out.println(line);
        System.out.flush();
        pause();
      }).change(c, "child", "job_queue", "status", StatusConstraintChangerTest.NINE,
          "job_queue_status_check");
      System.out.println("verified, committing");
      System.out.flush();
      pause();
      c.commit();
    }
    System.out.println("committed");
    System.out.flush();
    pause();
  }

  private static void pause() {
    try {
      Thread.sleep(400);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
