package io.querylens.agent.cache;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The annotated methods the agent instrumented, by the key the woven calls pass in
 * ({@code com.example.Type.name(descriptor)}, a constant in the instrumented code). Filled while classes are
 * transformed, read on every call.
 */
final class MethodRegistry {
  /** A {@code @CacheEvict} method: which caches it clears, and how. */
  record EvictMethod(List<String> cacheNames, boolean allEntries, String parameterDescriptor) {}

  private final Map<String, CachedMethod> cached = new ConcurrentHashMap<>();
  private final Map<String, EvictMethod> evicting = new ConcurrentHashMap<>();
  private final Map<String, List<CachedMethod>> byCacheName = new ConcurrentHashMap<>();
  private volatile boolean anyCached;
  private volatile Runnable firstCached = () -> { };
  private final FoundMethods found;

  MethodRegistry() {
    this(new FoundMethods(org.slf4j.helpers.NOPLogger.NOP_LOGGER));
  }

  MethodRegistry(FoundMethods found) {
    this.found = found;
  }

  void registerCached(String methodKey, CachedMethod method) {
    if (cached.putIfAbsent(methodKey, method) == null) {
      byCacheName.computeIfAbsent(method.cacheName(), name -> new CopyOnWriteArrayList<>()).add(method);
      anyCached = true;
      found.cached(method);
      firstCached.run();
    }
  }

  void registerEvict(String methodKey, EvictMethod method) {
    if (evicting.put(methodKey, method) == null) {
      found.evicting(methodKey);
    }
  }

  /** Logs how many annotated methods were found, once: when the application is up (see {@link FoundMethods}). */
  void summarizeOnce() {
    found.summarizeOnce();
  }

  /**
   * Runs {@code action} when a {@code @Cached} method is found (at once if one has been), on the thread that loads
   * its class: it must not block, and may run more than once.
   */
  void whenCached(Runnable action) {
    firstCached = action;
    if (anyCached) {
      action.run();
    }
  }

  /** Whether a {@code @Cached} method has been found in this JVM yet. */
  boolean anyCached() {
    return anyCached;
  }

  CachedMethod cached(String methodKey) {
    return cached.get(methodKey);
  }

  EvictMethod evict(String methodKey) {
    return evicting.get(methodKey);
  }

  List<CachedMethod> cachedByName(String cacheName) {
    return byCacheName.getOrDefault(cacheName, List.of());
  }
}
