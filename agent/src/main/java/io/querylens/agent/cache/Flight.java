package io.querylens.agent.cache;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One in-JVM computation of a missing entry. The first caller to miss a key leads and runs the method; callers that
 * miss the same key meanwhile wait for its encoded result and decode their own copy, so the method body runs once
 * per JVM. The flight stays registered until the entry is written to Redis, so that callers arriving in between are
 * served from it rather than missing again; each checks first, in Redis, that nothing the result depends on has
 * changed since the leader's lookup (an eviction, a write to one of its tables, on any JVM).
 */
final class Flight {
  /**
   * The leader's result, encoded from {@code payloadOffset} on (the entry's header before it), and what it depended
   * on: the versions its lookup saw before the method ran.
   */
  record Result(byte[] encoded, int payloadOffset, int queries, String generation, String keyVersion,
      Map<String, String> tableVersions) {}

  private final CountDownLatch done = new CountDownLatch(1);
  private final long startedNanos = System.nanoTime();
  private volatile Result result;

  void succeed(Result finished) {
    this.result = finished;
    done.countDown();
  }

  void fail() {
    done.countDown();
  }

  /** @return the leader's result, or null if it failed, was a hit itself or did not finish in time */
  Result await(long millis) throws InterruptedException {
    return done.await(millis, TimeUnit.MILLISECONDS) ? result : null;
  }

  boolean olderThan(long millis) {
    return System.nanoTime() - startedNanos > TimeUnit.MILLISECONDS.toNanos(millis);
  }
}
