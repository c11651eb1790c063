package io.querylens.agent.bridge;

import io.querylens.agent.request.CacheCall;

/**
 * The entry points {@code @Cached} and {@code @CacheEvict} advice calls. Until the cache is wired at start-up (or
 * when caching is off) every call runs uncached.
 */
public final class CacheBridge {
  /** Implemented by the cache engine. */
  public interface Engine {
    CacheCall lookup(String methodKey, Class<?> type, Object[] arguments);

    void complete(CacheCall call, Object returned, Throwable thrown);

    void evict(String methodKey, Class<?> type, Object[] arguments);
  }

  private static volatile Engine engine;

  private CacheBridge() {}

  public static void install(Engine cacheEngine) {
    engine = cacheEngine;
  }

  /**
   * At the start of a {@code @Cached} method.
   *
   * @return the call, or null to run the method as if uncached
   */
  public static CacheCall lookup(String methodKey, Class<?> type, Object[] arguments) {
    Engine current = engine;
    if (current == null) {
      return null;
    }
    try {
      return current.lookup(methodKey, type, arguments);
    } catch (Throwable failure) {
      AgentFailures.record("cache.lookup", failure);
      return null;
    }
  }

  /** The call if it is a hit, which tells the advice to skip the method body; otherwise null. */
  public static CacheCall hit(CacheCall call) {
    return call != null && call.isHit() ? call : null;
  }

  /** At the end of a {@code @Cached} method whose body ran. */
  public static void complete(CacheCall call, Object returned, Throwable thrown) {
    try {
      engine.complete(call, returned, thrown);
    } catch (Throwable failure) {
      AgentFailures.record("cache.complete", failure);
    }
  }

  /** After a {@code @CacheEvict} method returned normally. */
  public static void evict(String methodKey, Class<?> type, Object[] arguments) {
    Engine current = engine;
    if (current == null) {
      return;
    }
    try {
      current.evict(methodKey, type, arguments);
    } catch (Throwable failure) {
      AgentFailures.record("cache.evict", failure);
    }
  }
}
