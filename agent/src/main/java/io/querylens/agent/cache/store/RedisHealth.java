package io.querylens.agent.cache.store;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/**
 * Whether the cache's Redis can be used, said in one line per change: the start-up check's verdict, one WARN when
 * Redis becomes unusable (the circuit breaker opens, or the start-up check failed) with the cause, and one INFO when
 * it is back, with how long it was out, how many {@code @Cached} calls ran uncached and what happened to the
 * table-version bumps owed meanwhile. Never a stack trace: the causes (refused, timeout, wrong password) are expected
 * conditions, and the message of {@link StoreUnavailableException} already says which.
 *
 * <p>The store calls {@link #isDown()} after every successful call: one volatile read while Redis is healthy.
 */
public final class RedisHealth {
  private final String redis;
  private final Logger log;
  private final AtomicBoolean down = new AtomicBoolean();
  /** Read on the hot path instead of the atomic's CAS. */
  private volatile boolean downFlag;
  private volatile long downSinceNanos;
  private volatile String cause;
  private volatile boolean downSinceStart;
  /** Set when Redis answered again while bumps were still owed: the INFO line waits for them. */
  private final AtomicBoolean recoveryPending = new AtomicBoolean();
  private volatile long outageNanos;
  private final AtomicLong uncachedCalls = new AtomicLong();
  private final AtomicLong bumpsOwed = new AtomicLong();
  private final AtomicLong bumpsDelivered = new AtomicLong();
  private volatile IntSupplier stillOwed = () -> 0;

  /**
   * @param redis the store's description, without credentials
   */
  public RedisHealth(String redis, Logger log) {
    this.redis = redis;
    this.log = log;
  }

  /** Counts and decides, but logs nothing; for stores built without the agent (tests, benchmarks). */
  static RedisHealth silent(String redis) {
    return new RedisHealth(redis, NOPLogger.NOP_LOGGER);
  }

  /** How many table-version bumps are owed right now; the INFO line of a recovery waits until none is. */
  public void owedBy(IntSupplier owed) {
    this.stillOwed = owed;
  }

  /** The start-up check reached Redis. */
  public void answered(ServerInfo info) {
    log.info("QueryLens: Redis {} answers: {}", redis, info);
  }

  /** The start-up check failed: said at once, as the outage's one WARN. */
  public void unusableAtStart(StoreUnavailableException failure, String settings) {
    if (down.compareAndSet(false, true)) {
      downSinceStart = true;
      markDown(failure);
      log.warn("QueryLens: Redis {} cannot be used: {} ({}); @Cached methods run uncached and this JVM's writes "
          + "invalidate nothing elsewhere until it can; caching resumes by itself when it answers", redis,
          failure.getMessage(), settings);
    }
  }

  /** A call failed; {@code opened}: it was the failure that opened the circuit. */
  void failed(StoreUnavailableException failure, boolean opened) {
    if (downFlag) {
      cause = failure.getMessage(); // the latest is the truest while it lasts
      return;
    }
    if (opened && down.compareAndSet(false, true)) {
      downSinceStart = false;
      markDown(failure);
      log.warn("QueryLens: Redis {} is unusable: {}; @Cached methods run uncached and this JVM's writes are owed "
          + "to the other JVMs until it is back (circuit breaker open: calls skip Redis, and a probe retries it, "
          + "backing off to 30 s)", redis,
          failure.getMessage());
    }
  }

  /** Whether an outage is being reported: a successful call must then call {@link #answeredAgain()}. */
  boolean isDown() {
    return downFlag;
  }

  /** A call succeeded while down. */
  void answeredAgain() {
    if (!down.compareAndSet(true, false)) {
      return;
    }
    downFlag = false;
    outageNanos = System.nanoTime() - downSinceNanos;
    recoveryPending.set(true);
    reportRecoveryOnceSettled();
  }

  /**
   * A connection found a server run other than the one last seen at its address: Redis restarted or a replica took
   * over, and its data may be older than what the cache last saw.
   */
  void newRun() {
    log.info("QueryLens: Redis {} restarted or failed over (a new server run); entries cached before are refilled, "
        + "never served, since its data may have gone back in time", redis);
  }

  /** Something about this Redis that the operator should fix, said once by the caller. */
  void note(String message) {
    log.warn("QueryLens: Redis {}: {}", redis, message);
  }

  /** A {@code @Cached} call ran uncached because Redis could not be used. */
  public void ranUncached() {
    if (downFlag) {
      uncachedCalls.incrementAndGet();
    }
  }

  /** A commit's bump could not reach Redis and is owed. */
  public void bumpOwed() {
    bumpsOwed.incrementAndGet();
  }

  /** Owed bumps reached Redis, folded into one command. */
  public void owedDelivered(int bumps) {
    bumpsDelivered.addAndGet(bumps);
    if (!downFlag && !recoveryPending.get()) {
      // Owed through a passing failure, not an outage: nothing to report, and nothing to add to the next one.
      bumpsOwed.addAndGet(-bumps);
      bumpsDelivered.addAndGet(-bumps);
      return;
    }
    reportRecoveryOnceSettled();
  }

  /**
   * What a failed call should say: its own message, or, when the circuit breaker refused it without trying, the cause
   * that keeps Redis unusable (the refusal alone would hide a wrong password behind "failed repeatedly").
   */
  public String explain(StoreUnavailableException failure) {
    String why = failure.isCircuitOpen() ? cause() : null;
    return why == null ? failure.getMessage()
        : "Redis unusable (" + why + "); skipped while the circuit breaker is open";
  }

  /** Why Redis cannot be used, or null while it can; for the detail of a report. */
  public String cause() {
    return downFlag ? cause : null;
  }

  private void markDown(StoreUnavailableException failure) {
    cause = failure.getMessage();
    downSinceNanos = System.nanoTime();
    recoveryPending.set(false);
    downFlag = true;
  }

  /** The INFO line, once nothing is owed any more: it says the bumps were delivered only when they were. */
  private void reportRecoveryOnceSettled() {
    if (!recoveryPending.get() || downFlag || stillOwed.getAsInt() > 0
        || !recoveryPending.compareAndSet(true, false)) {
      return;
    }
    long owed = bumpsOwed.getAndSet(0);
    long delivered = Math.min(owed, bumpsDelivered.getAndSet(0));
    long uncached = uncachedCalls.getAndSet(0);
    String bumps = owed == 0 ? "no table-version bump was owed"
        : owed + " table-version bump" + (owed == 1 ? " was" : "s were") + " owed, " + delivered + " delivered";
    log.info("QueryLens: Redis {} is back after {} s{}; {} @Cached call{} ran uncached meanwhile; {}", redis,
        String.format(Locale.ROOT, "%.1f", outageNanos / 1e9), downSinceStart ? " (unusable since start-up)" : "",
        uncached, uncached == 1 ? "" : "s", bumps);
  }
}
