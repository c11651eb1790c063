package io.querylens.agent.cache;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One in-JVM computation of a missing entry. The first caller to miss a key leads and runs the method; callers that
 * miss the same key meanwhile wait for its encoded result and decode their own copy, so the method body runs once
 * per JVM. The flight stays registered until the entry is written to Redis, so that callers arriving in between are
 * served from it rather than missing again.
 */
final class Flight {
  private final CountDownLatch done = new CountDownLatch(1);
  private final long startedNanos = System.nanoTime();
  private volatile byte[] payload;
  private volatile int queries;

  void succeed(byte[] encoded, int queriesRun) {
    this.payload = encoded;
    this.queries = queriesRun;
    done.countDown();
  }

  void fail() {
    done.countDown();
  }

  /** @return the leader's encoded result, or null if it failed or did not finish in time */
  byte[] await(long millis) throws InterruptedException {
    return done.await(millis, TimeUnit.MILLISECONDS) ? payload : null;
  }

  int queries() {
    return queries;
  }

  boolean olderThan(long millis) {
    return System.nanoTime() - startedNanos > TimeUnit.MILLISECONDS.toNanos(millis);
  }
}
