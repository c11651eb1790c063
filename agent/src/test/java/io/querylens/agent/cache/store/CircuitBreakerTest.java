package io.querylens.agent.cache.store;

import static io.querylens.agent.cache.store.CircuitBreaker.Admission.CALL;
import static io.querylens.agent.cache.store.CircuitBreaker.Admission.PROBE;
import static io.querylens.agent.cache.store.CircuitBreaker.Admission.REFUSED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The breaker's state machine, on a clock stepped by hand. */
class CircuitBreakerTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(2), now::get);

  @Test
  void closedAdmitsEveryCall() {
    for (int i = 0; i < 100; i++) {
      assertEquals(CALL, breaker.tryAcquire());
      breaker.onSuccess(CALL);
    }
    assertFalse(breaker.isOpen());
  }

  @Test
  void opensAfterTheThresholdOfConsecutiveFailures() {
    failCalls(2);
    assertFalse(breaker.isOpen(), "two failures are under the threshold of three");
    failCalls(1);
    assertTrue(breaker.isOpen());
    assertEquals(REFUSED, breaker.tryAcquire());
  }

  @Test
  void aSuccessResetsTheCount() {
    failCalls(2);
    breaker.onSuccess(breaker.tryAcquire());
    failCalls(2);
    assertFalse(breaker.isOpen(), "the failures were not consecutive");
  }

  @Test
  void afterTheOpenPeriodExactlyOneCallerProbes() {
    failCalls(3);
    advance(Duration.ofMillis(1999));
    assertEquals(REFUSED, breaker.tryAcquire(), "still inside the open period");
    advance(Duration.ofMillis(1));
    assertEquals(PROBE, breaker.tryAcquire());
    assertEquals(REFUSED, breaker.tryAcquire(), "a probe is in flight: everyone else is refused");
    assertTrue(breaker.isOpen(), "half-open counts as open");
  }

  @Test
  void aSuccessfulProbeClosesTheCircuit() {
    failCalls(3);
    advance(Duration.ofSeconds(2));
    breaker.onSuccess(breaker.tryAcquire());
    assertFalse(breaker.isOpen());
    assertEquals(CALL, breaker.tryAcquire());
    assertEquals(Duration.ofSeconds(2), breaker.currentOpenDuration());
  }

  @Test
  void failedProbesDoubleTheOpenPeriodUpToTheCap() {
    failCalls(3);
    long[] expectedSeconds = {4, 8, 16, 30, 30};
    advance(Duration.ofSeconds(2));
    for (long seconds : expectedSeconds) {
      CircuitBreaker.Admission probe = breaker.tryAcquire();
      assertEquals(PROBE, probe);
      breaker.onFailure(probe);
      assertEquals(Duration.ofSeconds(seconds), breaker.currentOpenDuration());
      advance(Duration.ofSeconds(seconds).minusMillis(1));
      assertEquals(REFUSED, breaker.tryAcquire());
      advance(Duration.ofMillis(1));
    }
    breaker.onSuccess(breaker.tryAcquire());
    assertEquals(Duration.ofSeconds(2), breaker.currentOpenDuration(), "a success restores the base period");
  }

  @Test
  void aBasePeriodLongerThanTheCapIsKept() {
    CircuitBreaker patient = new CircuitBreaker(1, Duration.ofMinutes(1), now::get);
    patient.onFailure(patient.tryAcquire());
    advance(Duration.ofMinutes(1));
    patient.onFailure(patient.tryAcquire());
    assertEquals(Duration.ofMinutes(1), patient.currentOpenDuration());
  }

  @Test
  void aProbeThatNeverReportsIsReplacedAfterOneOpenPeriod() {
    failCalls(3);
    advance(Duration.ofSeconds(2));
    assertEquals(PROBE, breaker.tryAcquire());
    // ...and its thread dies without a word.
    advance(Duration.ofMillis(1999));
    assertEquals(REFUSED, breaker.tryAcquire());
    advance(Duration.ofMillis(1));
    assertEquals(PROBE, breaker.tryAcquire());
  }

  @Test
  void aReleasedProbeHandsTheTurnOnAtOnce() {
    failCalls(3);
    advance(Duration.ofSeconds(2));
    breaker.release(breaker.tryAcquire());
    assertEquals(PROBE, breaker.tryAcquire());
    assertEquals(Duration.ofSeconds(2), breaker.currentOpenDuration(), "a release is no failure");
  }

  @Test
  void aLateFailureOfACallAdmittedBeforeOpeningChangesNothing() {
    CircuitBreaker.Admission late = breaker.tryAcquire();
    failCalls(3);
    breaker.onFailure(late);
    advance(Duration.ofSeconds(2));
    assertEquals(PROBE, breaker.tryAcquire(), "the late failure neither extended the period nor took the probe");
  }

  @Test
  void concurrentCallersGetExactlyOneProbe() throws Exception {
    failCalls(3);
    advance(Duration.ofSeconds(2));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> probes = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        probes.add(pool.submit(() -> {
          go.await();
          int mine = 0;
          for (int i = 0; i < 10_000; i++) {
            if (breaker.tryAcquire() == PROBE) {
              mine++;
            }
          }
          return mine;
        }));
      }
      go.countDown();
      int total = 0;
      for (Future<Integer> probe : probes) {
        total += probe.get(30, TimeUnit.SECONDS);
      }
      assertEquals(1, total, "80,000 attempts at one instant: one probe");
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A refused call happens on every cache lookup while Redis is down, so it must stay far below the cost of the
   * method it stands in front of. The bound (2 µs a call on average) is some fifty times the expected cost, loose
   * enough for a busy machine; it catches a refusal that sleeps, locks or allocates its way up.
   */
  @Test
  void refusingIsCheap() {
    CircuitBreaker real = new CircuitBreaker(1, Duration.ofHours(1));
    real.onFailure(real.tryAcquire());
    int calls = 1_000_000;
    for (int i = 0; i < calls; i++) {
      real.tryAcquire();
    }
    long start = System.nanoTime();
    int refused = 0;
    for (int i = 0; i < calls; i++) {
      if (real.tryAcquire() == REFUSED) {
        refused++;
      }
    }
    long nanos = System.nanoTime() - start;
    assertEquals(calls, refused);
    assertTrue(nanos / calls < 2_000, "average refusal took " + nanos / calls + " ns");
  }

  private void failCalls(int times) {
    for (int i = 0; i < times; i++) {
      breaker.onFailure(breaker.tryAcquire());
    }
  }

  private void advance(Duration step) {
    now.addAndGet(step.toNanos());
  }
}
