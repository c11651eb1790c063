package io.querylens.agent.cache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entries of a method stored by a JVM whose invalidation settings differ from this one's. Such JVMs quietly undo
 * each other's guarantee (one serves what the other's writes should have made stale), so each cache says it once,
 * at WARN, with what to change. Checked on hits too: the common case costs one set lookup, no allocation.
 */
final class SettingsMismatch {
  private final CacheSettings settings;
  private final Set<String> untrackedSaid = ConcurrentHashMap.newKeySet();
  private final Set<String> trackedSaid = ConcurrentHashMap.newKeySet();

  SettingsMismatch(CacheSettings settings) {
    this.settings = settings;
  }

  /** This JVM tracks the method's tables, and found an entry that names none: it is treated as a miss. */
  void untrackedEntry(CachedMethod method) {
    if (untrackedSaid.add(method.cacheName())) {
      settings.warnings().accept("cache " + method.cacheName() + ": an entry of " + method.displayName()
          + " was stored without the tables it read, by a JVM with cache.invalidation.enabled=false or where the"
          + " method has @Cached(invalidateOnWrites = false); here such entries are misses and are replaced. Give"
          + " every JVM sharing the Redis namespace '" + settings.namespace() + "' the same settings (logged once"
          + " per cache)");
    }
  }

  /**
   * This JVM does not track the method's tables, and found an entry another JVM stored with them.
   *
   * @param invalidationOn whether automatic invalidation runs here at all: without it, this JVM's writes move no
   *     table version, so the other JVMs keep serving what they overwrite
   */
  void trackedEntry(CachedMethod method, boolean invalidationOn) {
    if (trackedSaid.add(method.cacheName())) {
      settings.warnings().accept("cache " + method.cacheName() + ": entries of " + method.displayName()
          + " are stored with the tables they read by another JVM, but here "
          + (invalidationOn
              ? "the method has @Cached(invalidateOnWrites = false), so its entries are replaced there"
              : "cache.invalidation.enabled=false: this JVM's writes invalidate no entry of the JVMs that track"
                  + " them, and its entries are replaced there")
          + ". Give every JVM sharing the Redis namespace '" + settings.namespace() + "' the same settings (logged"
          + " once per cache)");
    }
  }
}
