package io.querylens.agent.cache;

import io.querylens.agent.cache.store.StoreUnavailableException;
import io.querylens.agent.request.CacheCall;
import io.querylens.agent.request.CacheCall.Outcome;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The lock on a missing entry's key in Redis ({@code SET NX PX}), so that one JVM computes it while the others wait
 * for its entry, at most {@code cache.lock-wait}, polling. The fill that stores the entry releases the lock in the
 * same script ({@link EntryStore#fill}); a holder that never fills lets it expire after
 * {@link EntryStore#LOCK_TTL_MILLIS}.
 */
final class CrossJvmLock {
  static final long POLL_MILLIS = 20;
  private static final byte[] NONE = new byte[0];

  private final EntryStore entries;
  private final FillThread fills;
  private final CacheSettings settings;

  CrossJvmLock(EntryStore entries, FillThread fills, CacheSettings settings) {
    this.entries = entries;
    this.fills = fills;
    this.settings = settings;
  }

  String newToken() {
    return entries.newLockToken();
  }

  /**
   * Whether the method is worth a lock: a body faster than one poll of a waiting JVM is not, as waiting for it would
   * cost the others more than computing it themselves, and the miss saves a command and a thread hand-off.
   */
  static boolean worthTaking(CachedMethod method) {
    return method.lastBodyNanos() < 0 || method.lastBodyNanos() >= TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
  }

  /** Takes the key's lock off the caller's thread; the fill, queued behind it, releases it. */
  void takeInBackground(CacheCall call) {
    String key = call.key();
    String token = newToken();
    call.lockToken(token);
    boolean queued = fills.submit(() -> {
      try {
        entries.lock(key, token);
      } catch (StoreUnavailableException e) {
        // No lock: other JVMs compute too, as they would without one.
      }
    }, true);
    if (!queued) {
      call.lockToken(null);
    }
  }

  /**
   * Another caller holds the key's lock: polls {@code lookAgain} until its entry is served, the lock is gone, or
   * {@code cache.lock-wait} has passed; the call's outcome then says why it computes after all.
   */
  void awaitHolder(CacheCall call, Supplier<Found> lookAgain) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.lockWaitMillis());
    try {
      while (System.nanoTime() < deadline) {
        Thread.sleep(POLL_MILLIS);
        Found found = lookAgain.get();
        if (found == Found.HIT) {
          return;
        }
        if (found == Found.FREE) {
          // The lock is gone and no current entry came with it: its holder stored nothing (a result it could not
          // store, an exception) or its entry is already stale. Waiting longer would wait for nothing.
          call.outcome(Outcome.MISS, "computed here: the other caller's lock ended without a current entry");
          return;
        }
      }
      call.outcome(Outcome.MISS, "computed after waiting " + settings.lockWaitMillis() + "ms for another JVM");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Releases the lock now, as other JVMs wait for it; if the fill queue is full, it expires by itself after its TTL. */
  void release(String key, String cacheName, String token) {
    fills.submit(() -> {
      try {
        entries.fill(key, cacheName, NONE, 0, token, null, null);
      } catch (StoreUnavailableException e) {
        // Redis went away after the lookup: the lock expires by its TTL.
      }
    }, true);
  }
}
