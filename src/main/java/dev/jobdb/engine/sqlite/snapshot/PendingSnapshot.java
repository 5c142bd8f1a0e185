package dev.jobdb.engine.sqlite.snapshot;

import dev.jobdb.engine.SnapshotInfo;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A snapshot being taken on a thread of its own, so a run can prepare its change meanwhile (the
 * copy is mostly waiting for the disk). {@link #await} returns it or throws what taking it threw.
 */
public final class PendingSnapshot {
  private final CompletableFuture<SnapshotInfo> result;

  private PendingSnapshot(CompletableFuture<SnapshotInfo> result) {
    this.result = result;
  }

  static PendingSnapshot start(Supplier<SnapshotInfo> take) {
    return new PendingSnapshot(CompletableFuture.supplyAsync(take, work -> {
      Thread thread = new Thread(work, "jobdb-snapshot");
      thread.setDaemon(true);
      thread.start();
    }));
  }

  /** The snapshot, once it is on disk and checked. */
  public SnapshotInfo await() {
    try {
      return result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }
}
