package io.querylens.agent.cache.store;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;

/**
 * Runs a store call the way the cache will, and checks the store's contract on the way: the call returns or throws
 * {@link StoreUnavailableException}, nothing else, and it does not hang. The bound is deliberately generous, as the
 * machine is shared: the point is "no hang", not a latency figure.
 */
final class StoreCalls {
  static final Duration NO_HANG = Duration.ofSeconds(5);

  private StoreCalls() {}

  /** A store call whose result, if any, does not matter here. */
  @FunctionalInterface
  interface StoreCall {
    void run();
  }

  /** What happened: it returned (no failure), or the store's exception. */
  record Outcome(StoreUnavailableException failure, Duration took) {
    boolean failed() {
      return failure != null;
    }

    String message() {
      return failure == null ? "returned" : failure.getMessage();
    }
  }

  static Outcome attempt(StoreCall call) {
    long start = System.nanoTime();
    StoreUnavailableException failure = null;
    try {
      call.run();
    } catch (StoreUnavailableException e) {
      failure = e;
    } catch (Throwable other) {
      fail("the store let through something other than StoreUnavailableException", other);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(NO_HANG) < 0, "a store call took " + took.toMillis() + " ms");
    return new Outcome(failure, took);
  }

  /** The call must fail with the store's exception; returns it. */
  static StoreUnavailableException failure(StoreCall call) {
    Outcome outcome = attempt(call);
    if (!outcome.failed()) {
      fail("expected StoreUnavailableException, but the call " + outcome.message());
    }
    return outcome.failure();
  }
}
