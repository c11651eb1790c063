package io.querylens.agent.cache.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling: waits for a condition without asserting anything about how fast it came true. */
final class Await {
  private Await() {}

  static void until(Duration atMost, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("not true within " + atMost.toMillis() + " ms: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting until " + what);
      }
    }
  }
}
