package io.querylens.agent.bridge;

import io.querylens.agent.request.CacheCall;

/**
 * The entry points of the calls woven into {@code @Cached} and {@code @CacheEvict} methods. Until the cache is wired at start-up (or
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

  /** Whether the call is a hit: the woven code then returns {@link #hitValue} and skips the method's body. */
  public static boolean isHit(CacheCall call) {
    return call.isHit();
  }

  /** The value a hit returns, of the method's return type (boxed for a primitive). */
  public static Object hitValue(CacheCall call) {
    return call.value();
  }

  /** At the end of a {@code @Cached} method whose body ran; {@code call} null if the lookup ran it uncached. */
  public static void complete(CacheCall call, Object returned, Throwable thrown) {
    Engine current = engine;
    if (call == null || current == null) {
      return;
    }
    try {
      current.complete(call, returned, thrown);
    } catch (Throwable failure) {
      AgentFailures.record("cache.complete", failure);
    }
  }

  /** At the end of a {@code @CacheEvict} method: evicts if it returned normally ({@code thrown} null). */
  public static void evict(String methodKey, Class<?> type, Object[] arguments, Throwable thrown) {
    Engine current = engine;
    if (thrown != null || current == null) {
      return;
    }
    try {
      current.evict(methodKey, type, arguments);
    } catch (Throwable failure) {
      AgentFailures.record("cache.evict", failure);
    }
  }
}
