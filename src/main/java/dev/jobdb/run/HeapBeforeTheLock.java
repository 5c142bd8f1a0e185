package dev.jobdb.run;

/**
 * Collects the garbage of the planning and the rehearsal just before a change takes the
 * database's write lock. The Java work under the lock allocates some 10-20 MB. On a heap that
 * was never collected, that memory is touched there for the first time (the likely cost: the
 * kernel mapping each new page while the app's writers wait); and a collection that falls under
 * the lock stops it for 20-40 ms. After one collection here (some 20-30 ms while nothing is
 * locked) the lock's allocations reuse memory already in use, and the emptied young generation
 * holds them without another collection.
 * Measured with scripts/jobdb at 1M jobs: the write lock of migrate up went from 68-72 ms to
 * 48-55 ms, the whole run from 1.09-1.11 s to 1.08-1.15 s.
 */
final class HeapBeforeTheLock {
  private HeapBeforeTheLock() {}

  static void settle() {
    System.gc(); // a no-op under -XX:+DisableExplicitGC: then the lock is as it was
  }
}
