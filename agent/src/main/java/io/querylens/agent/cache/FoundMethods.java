package io.querylens.agent.cache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * Says what the cache found, so that an annotation that does nothing is never silent: each {@code @Cached} method at
 * debug as its class loads, each one the cache can never serve at warn (once, naming the reason), and one info line
 * with the count once the application is up (its first request or first {@code @Cached} call). Methods found after
 * that line get an info line of their own.
 */
final class FoundMethods {
  private final Logger log;
  private final AtomicInteger unservable = new AtomicInteger();
  private final AtomicInteger evicting = new AtomicInteger();
  private final AtomicBoolean summarized = new AtomicBoolean();
  /** The {@code @Cached} methods found, by {@link CachedMethod#identity()}: their count is the one logged. */
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private static final int MAX_SEEN = 100_000;

  FoundMethods(Logger log) {
    this.log = log;
  }

  void cached(CachedMethod method) {
    // An interface's method counts once, however many classes (an implementation, a JDK proxy) carry it.
    if (seen.size() >= MAX_SEEN || !seen.add(method.identity())) {
      return;
    }
    int count = seen.size();
    String unservableReason = method.neverServable();
    if (unservableReason != null) {
      unservable.incrementAndGet();
      log.warn("QueryLens: @Cached {} can never be served from the cache: {}; its calls run uncached and are"
          + " reported as bypass", method.displayName(), unservableReason);
    } else if (summarized.get()) {
      log.info("QueryLens found @Cached {} (cache {}), {} @Cached methods in all", method.displayName(),
          method.cacheName(), count);
    } else {
      log.debug("QueryLens found @Cached {} (cache {})", method.displayName(), method.cacheName());
    }
  }

  void evicting(String method) {
    evicting.incrementAndGet();
    log.debug("QueryLens found @CacheEvict {}", method);
  }

  /** The one line with the counts; later calls do nothing. */
  void summarizeOnce() {
    if (summarized.get() || !summarized.compareAndSet(false, true)) {
      return;
    }
    int count = seen.size();
    int cannot = unservable.get();
    log.info("QueryLens found {} @Cached method{}{} and {} @CacheEvict method{} so far{}", count,
        count == 1 ? "" : "s", cannot == 0 ? "" : " (" + cannot + " of which can never be served: see above)",
        evicting.get(), evicting.get() == 1 ? "" : "s",
        count == 0 ? "; nothing will be cached until an annotated method loads" : " (each at log.level=debug)");
  }
}
