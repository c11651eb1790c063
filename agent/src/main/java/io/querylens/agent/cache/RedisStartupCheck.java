package io.querylens.agent.cache;

import io.querylens.agent.bridge.AgentFailures;
import io.querylens.agent.cache.store.RedisCacheStore;
import io.querylens.agent.cache.store.StoreUnavailableException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks the cache's Redis for {@code INFO server} once, on a daemon thread of its own, and has the store's health say
 * in one line whether it answered (version, standalone or cluster) or why not. Off the application's threads: a Redis
 * that is down costs a connect timeout, which neither premain nor a class being loaded may wait for.
 */
final class RedisStartupCheck {
  private static final int DISCOVERY_ATTEMPTS = 5;

  private final RedisCacheStore store;
  private final String settings;
  private final AtomicBoolean started = new AtomicBoolean();

  /**
   * @param settings the keys that name this Redis, for the failure line
   */
  RedisStartupCheck(RedisCacheStore store, String settings) {
    this.store = store;
    this.settings = settings;
  }

  /** Starts the check the first time; later calls do nothing. Never blocks. */
  void runOnce() {
    if (started.get() || !started.compareAndSet(false, true)) {
      return;
    }
    Thread thread = new Thread(this::check, "querylens-redis-check");
    thread.setDaemon(true);
    thread.start();
  }

  private void check() {
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          store.health().answered(store.serverInfo());
          return;
        } catch (StoreUnavailableException e) {
          // A request thread discovering the cluster or master at this moment says nothing about Redis: ask again.
          if (!e.getMessage().contains("discovery in progress") || attempt == DISCOVERY_ATTEMPTS) {
            store.health().unusableAtStart(e, settings);
            return;
          }
          Thread.sleep(200);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable failure) {
      AgentFailures.record("the start-up check of Redis", failure);
    }
  }
}
