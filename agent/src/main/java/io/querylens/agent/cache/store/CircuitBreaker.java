package io.querylens.agent.cache.store;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Stops calling Redis after it fails repeatedly, and lets exactly one caller at a time find out whether it is back.
 *
 * <p><b>Policy.</b> Closed: every call goes through, and {@code failureThreshold} consecutive failures (any success
 * resets the count) open the circuit. Open: calls are refused without touching the network until the open period
 * ends; then the first caller to arrive becomes the probe (half-open) while everyone else is still refused. A
 * successful probe closes the circuit and restores the base open period; a failed probe reopens it for twice as long,
 * up to {@link #MAX_OPEN} (or the base period, if that is longer), so a Redis that stays down costs one probe per
 * period rather than a burst of timeouts from every request thread.
 *
 * <p><b>Concurrency.</b> Lock-free. The closed path is one volatile read. Refusing while open is one more volatile read
 * and a {@code System.nanoTime()}, tens of nanoseconds, and never allocates. The probe is claimed by a CAS on the time
 * the next probe is due, moving it one open period ahead; so if a probe never reports (its thread was killed, or its
 * outcome says nothing about Redis, see {@link #release}), another caller may probe one period later and the circuit
 * cannot stick half-open. Transitions are last-writer-wins between racing reports; every interleaving still ends with
 * the state the latest outcome implies, which is all a breaker needs.
 *
 * <p>Write {@code nextProbeAt} before publishing {@code OPEN} in {@code state}: a reader that sees {@code OPEN} must see
 * the deadline that goes with it, or it could probe at once.
 */
final class CircuitBreaker {
  /** Longest wait between probes once they keep failing; the base open period is never shortened to fit. */
  static final Duration MAX_OPEN = Duration.ofSeconds(30);

  /** What a caller may do; the store hands it back with the outcome. */
  enum Admission {
    /** Circuit open: do not touch the network. */
    REFUSED,
    /** Circuit closed: call Redis. */
    CALL,
    /** Circuit half-open and this caller is the one probe: call Redis, the outcome decides the state. */
    PROBE
  }

  private static final int CLOSED = 0;
  private static final int OPEN = 1;
  private static final int HALF_OPEN = 2;

  private final int failureThreshold;
  private final long baseOpenNanos;
  private final long maxOpenNanos;
  private final LongSupplier nanoClock;

  private final AtomicInteger state = new AtomicInteger(CLOSED);
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private final AtomicLong nextProbeAt = new AtomicLong();
  private volatile long openNanos;

  CircuitBreaker(int failureThreshold, Duration openDuration) {
    this(failureThreshold, openDuration, System::nanoTime);
  }

  /** With a clock of its own, for tests that step time by hand. */
  CircuitBreaker(int failureThreshold, Duration openDuration, LongSupplier nanoClock) {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be at least 1, was " + failureThreshold);
    }
    if (openDuration.isNegative() || openDuration.isZero()) {
      throw new IllegalArgumentException("openDuration must be positive, was " + openDuration);
    }
    this.failureThreshold = failureThreshold;
    this.baseOpenNanos = saturatedNanos(openDuration);
    this.maxOpenNanos = Math.max(baseOpenNanos, MAX_OPEN.toNanos());
    this.nanoClock = nanoClock;
    this.openNanos = baseOpenNanos;
  }

  /** Whether the caller may call Redis now; every admitted call must end in a report. */
  Admission tryAcquire() {
    if (state.get() == CLOSED) {
      return Admission.CALL;
    }
    long now = nanoClock.getAsLong();
    long due = nextProbeAt.get();
    if (now - due < 0 || !nextProbeAt.compareAndSet(due, now + openNanos)) {
      return Admission.REFUSED;
    }
    // A late success may have closed the circuit meanwhile; then there is nothing to mark half-open.
    state.compareAndSet(OPEN, HALF_OPEN);
    return Admission.PROBE;
  }

  /** Redis answered. Costs two volatile reads and no writes while the circuit is closed and healthy. */
  void onSuccess(Admission admission) {
    if (consecutiveFailures.get() != 0) {
      consecutiveFailures.set(0);
    }
    if (state.get() != CLOSED) {
      openNanos = baseOpenNanos;
      state.set(CLOSED);
    }
  }

  /** Redis failed or timed out. */
  void onFailure(Admission admission) {
    long now = nanoClock.getAsLong();
    // A probe that fails after someone else's success closed the circuit is just one failure among many.
    if (admission == Admission.PROBE && state.get() != CLOSED) {
      long backoff = openNanos >= maxOpenNanos / 2 ? maxOpenNanos : openNanos * 2;
      openNanos = backoff;
      nextProbeAt.set(now + backoff);
      state.set(OPEN);
      return;
    }
    int failures = consecutiveFailures.incrementAndGet();
    if (failures >= failureThreshold && state.get() == CLOSED) {
      nextProbeAt.set(now + openNanos);
      state.compareAndSet(CLOSED, OPEN);
    }
  }

  /**
   * The call ended without saying anything about Redis (the caller was interrupted, or the store is closing). A probe
   * hands its turn to the next caller at once; a normal call changes nothing.
   */
  void release(Admission admission) {
    if (admission == Admission.PROBE) {
      nextProbeAt.set(nanoClock.getAsLong());
      state.compareAndSet(HALF_OPEN, OPEN);
    }
  }

  /** True while open or half-open, that is while most calls are refused. */
  boolean isOpen() {
    return state.get() != CLOSED;
  }

  /** {@code closed}, {@code open} or {@code half-open}: what monitoring tools show. */
  String stateName() {
    switch (state.get()) {
      case CLOSED:
        return "closed";
      case OPEN:
        return "open";
      default:
        return "half-open";
    }
  }

  /** The current wait between probes: the base open period, doubled for each failed probe up to the cap. */
  Duration currentOpenDuration() {
    return Duration.ofNanos(openNanos);
  }

  @Override
  public String toString() {
    switch (state.get()) {
      case CLOSED:
        return "closed (" + consecutiveFailures.get() + " consecutive failures)";
      case OPEN:
        return "open for " + currentOpenDuration().toMillis() + " ms between probes";
      default:
        return "half-open (a probe is in flight)";
    }
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 4;
    }
  }
}
