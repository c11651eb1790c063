package io.querylens.agent.cache;

import io.querylens.agent.bridge.CacheBridge;
import io.querylens.agent.bridge.TableBridge;
import io.querylens.agent.cache.codec.CacheCodec;
import io.querylens.agent.cache.store.RedisCacheStore;
import io.querylens.agent.cache.store.RedisSettings;
import io.querylens.agent.config.AgentConfig;
import io.querylens.agent.invalidation.TableVersions;
import io.querylens.agent.invalidation.WriteTracker;
import io.querylens.agent.jdbc.tables.TableExtractor;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;

/** Builds the cache from the configuration and wires it to the bridge. */
public final class CacheSetup {
  private CacheSetup() {}

  /**
   * Reads the cache's settings and returns the instrumentation that finds annotated methods. Everything that needs
   * Redis is built later, in the background, once this JVM will use it ({@link DeferredCache}); it connects lazily
   * (a Redis that is down costs nothing on the application's threads, and caching starts by itself once it
   * answers) and checks Redis once.
   *
   * @param log warnings (said once each) and, at info, what is worth knowing but not wrong: a write that empties the
   *     cache, the count of {@code @Cached} methods found
   * @return null if the Redis settings are unusable (said once as a warning)
   */
  public static CacheInstrumentation start(AgentConfig config, Logger log) {
    Consumer<String> warnings = log::warn;
    Duration timeout = Duration.ofMillis(config.get(AgentConfig.REDIS_TIMEOUT));
    RedisSettings redis;
    try {
      redis = new RedisSettings(config.get(AgentConfig.REDIS_URL), config.get(AgentConfig.REDIS_CLUSTER_NODES),
          config.get(AgentConfig.REDIS_SENTINEL_MASTER), config.get(AgentConfig.REDIS_SENTINEL_NODES), timeout,
          timeout, config.get(AgentConfig.REDIS_POOL_SIZE), RedisSettings.DEFAULT_FAILURE_THRESHOLD,
          RedisSettings.DEFAULT_OPEN_DURATION);
    } catch (IllegalArgumentException e) {
      // Only the cache depends on these keys: the reports go on, and @Cached methods run uncached.
      warnings.accept("querylens: " + e.getMessage() + " (keys redis.url / redis.cluster-nodes / "
          + "redis.sentinel.master / redis.sentinel.nodes); @Cached methods run uncached");
      return null;
    }
    MethodRegistry registry = new MethodRegistry(new FoundMethods(log));
    // A Redis configured on purpose may be shared with JVMs whose entries this one's writes must invalidate, even
    // if this one caches nothing; the default one is only used once a @Cached method shows up.
    boolean redisConfigured = !config.get(AgentConfig.REDIS_CLUSTER_NODES).isEmpty() || redis.sentinelMode()
        || !AgentConfig.REDIS_URL.defaultValue().equals(config.get(AgentConfig.REDIS_URL));
    CacheSettings settings = new CacheSettings(config.get(AgentConfig.CACHE_NAMESPACE),
        config.get(AgentConfig.CACHE_DEFAULT_TTL), config.get(AgentConfig.CACHE_LOCK_WAIT),
        config.get(AgentConfig.CACHE_MAX_KEY_LENGTH), warnings);
    boolean invalidation = config.get(AgentConfig.CACHE_INVALIDATION_ENABLED);
    BooleanSupplier redisUsed = () -> redisConfigured || registry.anyCached();
    DeferredCache deferred = new DeferredCache(
        () -> build(config, redis, registry, settings, invalidation, redisUsed, log), redisUsed, warnings);
    CacheBridge.install(deferred);
    if (invalidation) {
      TableBridge.install(deferred);
    }
    if (redisConfigured) {
      deferred.startBuilding();
    } else {
      registry.whenCached(deferred::startBuilding);
    }
    return new CacheInstrumentation(registry, RedisCacheStore.describe(redis), redisConfigured,
        deferred::healthIfStarted);
  }

  /**
   * The parts that need Jedis, Jackson and the SQL parser, installed in the bridges in place of the
   * {@link DeferredCache} standing in for them; a failure is one WARN and leaves calls uncached.
   */
  private static DeferredCache.Parts build(AgentConfig config, RedisSettings redis, MethodRegistry registry,
      CacheSettings settings, boolean invalidation, BooleanSupplier redisUsed, Logger log) {
    try {
      RedisCacheStore store = RedisCacheStore.connect(redis, log);
      new RedisStartupCheck(store, redis.clusterMode() ? "keys redis.cluster-nodes, redis.url"
          : redis.sentinelMode() ? "keys redis.sentinel.master, redis.sentinel.nodes, redis.url" : "key redis.url")
          .runOnce();
      TableVersions versions = new TableVersions(store, settings.namespace());
      WriteTracker tracker = null;
      if (invalidation) {
        try {
          tracker = new WriteTracker(new TableExtractor(config.get(AgentConfig.SQL_CACHE_SIZE)), versions,
              Set.copyOf(config.get(AgentConfig.CACHE_INVALIDATION_EXCLUDE_TABLES)), log::info, redisUsed);
        } catch (RuntimeException | LinkageError e) {
          // The cache still works without it, as with cache.invalidation.enabled=false; said so that nobody relies
          // on an invalidation that is not there.
          log.warn("querylens: automatic invalidation is off (key cache.invalidation.enabled): it could not start: "
              + "{}; cached entries end only by their TTL or @CacheEvict", e.toString());
        }
      }
      CacheEngine engine = new CacheEngine(registry, new CacheCodec(), store, settings, versions, tracker);
      TableBridge.install(tracker);
      CacheBridge.install(engine);
      return new DeferredCache.Parts(engine, tracker);
    } catch (RuntimeException | LinkageError failure) {
      TableBridge.install(null);
      CacheBridge.install(null);
      log.warn("querylens: the cache is off (key cache.enabled): it could not start: {}; @Cached methods run "
          + "uncached", failure.toString());
      throw failure;
    }
  }
}
