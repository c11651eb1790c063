package io.querylens.agent.cache;

import io.querylens.agent.bridge.CacheBridge;
import io.querylens.agent.bridge.CacheCall;
import io.querylens.agent.bridge.CacheCall.Outcome;
import io.querylens.agent.bridge.RequestScope;
import io.querylens.agent.cache.codec.CacheCodec;
import io.querylens.agent.cache.codec.CodecException;
import io.querylens.agent.cache.store.RedisCacheStore;
import io.querylens.agent.cache.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What happens around a {@code @Cached} call.
 *
 * <p><b>Lookup</b> is one Redis round trip: a script returns the entry, or, when there is none, takes a short lock
 * for this key ({@code SET NX PX} with a random token) so that one JVM computes while the others wait for its entry
 * (at most {@code cache.lock-wait}, then they compute too). Inside one JVM, callers missing the same key share one
 * computation ({@link Flight}).
 *
 * <p><b>Fill</b> happens off the caller's thread: the caller pays for encoding, a background thread writes the entry
 * and releases the lock in one script. Until it has, the JVM serves the key from the finished flight.
 *
 * <p><b>Failure</b> never reaches the application: Redis down or slow (the store's circuit breaker makes that cost
 * microseconds), an entry that cannot be decoded (a miss, overwritten by the fill), a value that cannot be encoded
 * (not cached) — each is logged once and the method simply runs.
 */
public final class CacheEngine implements CacheBridge.Engine {
  private static final long LOCK_TTL_MILLIS = 10_000;
  private static final long POLL_MILLIS = 20;

  /**
   * KEYS: entry, lock, cache generation, entry version. ARGV: lock token ('' for none), lock TTL.
   * Returns {1, entry, generation, version} on a hit; otherwise {0, "locked" | "busy" | "", generation, version}.
   * An entry filled under an older generation (the cache was evicted since) is deleted and is a miss.
   */
  private static final String LOOKUP = String.join("\n",
      "local g = redis.call('GET', KEYS[3]) or '0'",
      "local kv = redis.call('GET', KEYS[4]) or '0'",
      "local v = redis.call('GET', KEYS[1])",
      "if v then",
      "  if string.match(v, '^QL1 q=%d+ g=(%d+)\\n') == g then return {1, v, g, kv} end",
      "  redis.call('DEL', KEYS[1])",
      "end",
      "if ARGV[1] == '' then return {0, '', g, kv} end",
      "if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {0, 'locked', g, kv} end",
      "return {0, 'busy', g, kv}");

  /**
   * KEYS: entry, lock, cache generation, entry version. ARGV: entry ('' for none), TTL, lock token ('' for none),
   * generation and version seen by the lookup. Stores the entry only if neither changed: a result computed before
   * an eviction is not stored after it. Then releases the lock if this caller still holds it.
   */
  private static final String FILL = String.join("\n",
      "if ARGV[1] ~= '' and (redis.call('GET', KEYS[3]) or '0') == ARGV[4]",
      "    and (redis.call('GET', KEYS[4]) or '0') == ARGV[5] then",
      "  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])",
      "end",
      "if ARGV[3] ~= '' and redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end",
      "return 1");

  /** KEYS: entry, entry version. Deletes the entry and moves its version on, so that no fill in flight lands. */
  private static final String EVICT_ENTRY = String.join("\n",
      "redis.call('DEL', KEYS[1])",
      "redis.call('INCR', KEYS[2])",
      "redis.call('PEXPIRE', KEYS[2], ARGV[1])",
      "return 1");

  /** How long an entry's version outlives its eviction: longer than any fill can take to land. */
  private static final long ENTRY_VERSION_TTL_MILLIS = 3_600_000;

  private final MethodRegistry registry;
  private final CacheCodec codec;
  private final RedisCacheStore store;
  private final CacheSettings settings;
  private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor fills;

  CacheEngine(MethodRegistry registry, CacheCodec codec, RedisCacheStore store, CacheSettings settings) {
    this.registry = registry;
    this.codec = codec;
    this.store = store;
    this.settings = settings;
    this.fills = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1024), runnable -> {
      Thread thread = new Thread(runnable, "querylens-cache-fill");
      thread.setDaemon(true);
      return thread;
    });
    // A short-lived JVM (a batch job, a CLI) must not lose the entries it computed just before exiting.
    Runtime.getRuntime().addShutdownHook(new Thread(this::drainFills, "querylens-cache-flush"));
  }

  private void drainFills() {
    fills.shutdown();
    try {
      fills.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public CacheCall lookup(String methodKey, Class<?> type, Object[] arguments) {
    CachedMethod method = registry.cached(methodKey);
    if (method == null) {
      return null;
    }
    CachedMethod.Resolved resolved = method.resolve(type, codec, settings);
    if (resolved.problem() != null) {
      settings.warnOnce("resolve " + methodKey, "@Cached " + method.displayName() + " runs uncached: "
          + resolved.problem());
      return new CacheCall(method, null, Outcome.BYPASS);
    }
    String key;
    try {
      key = keyOf(resolved, arguments);
    } catch (CodecException e) {
      settings.warnOnce("arguments " + methodKey, "@Cached " + method.displayName()
          + " runs uncached for arguments the cache cannot encode: " + e.getMessage());
      CacheCall call = new CacheCall(method, null, Outcome.BYPASS);
      call.outcome(Outcome.BYPASS, "arguments cannot be encoded");
      return call;
    }
    CacheCall call = new CacheCall(method, key, Outcome.MISS);

    Flight flight = new Flight();
    Flight existing = flights.putIfAbsent(key, flight);
    if (existing != null && existing.olderThan(LOCK_TTL_MILLIS)) {
      flights.remove(key, existing); // a leader that never finished; do not let it hold the key forever
      existing = flights.putIfAbsent(key, flight);
    }
    if (existing != null) {
      followFlight(call, existing, resolved);
      return call;
    }
    call.flight(flight);
    try {
      String token = UUID.randomUUID().toString();
      List<?> result = runLookup(call, token);
      if (!serveEntry(call, result, resolved)) {
        String state = text(result.get(1));
        if (state.equals("locked")) {
          call.lockToken(token);
        } else if (state.equals("busy")) {
          awaitOtherJvm(call, key, resolved);
        }
      }
    } catch (StoreUnavailableException e) {
      call.outcome(Outcome.ERROR, e.getMessage());
    }
    if (call.isHit()) {
      // A hit leads nothing: callers that queued behind it look the entry up themselves.
      flight.succeed(null, call.avoidedQueries());
      flights.remove(key, flight);
      call.flight(null);
    }
    return call;
  }

  private List<?> runLookup(CacheCall call, String token) {
    String key = (String) call.key();
    Object result = store.eval(LOOKUP, keysOf(call), List.of(bytes(token), bytes(Long.toString(LOCK_TTL_MILLIS))));
    List<?> reply = (List<?>) result;
    call.versions(text(reply.get(2)), text(reply.get(3)));
    return reply;
  }

  /** The entry, its lock, its cache's generation and its own version: one hash tag, one slot. */
  private List<byte[]> keysOf(CacheCall call) {
    String key = (String) call.key();
    String cacheName = ((CachedMethod) call.method()).cacheName();
    return List.of(bytes(key), bytes(key + ":lock"),
        bytes(CachedMethod.cachePrefix(settings.namespace(), cacheName) + "gen"), bytes(key + ":v"));
  }

  private static String text(Object reply) {
    return new String((byte[]) reply, StandardCharsets.UTF_8);
  }

  /** @return true if the lookup found a readable entry, now served by {@code call} */
  private boolean serveEntry(CacheCall call, List<?> result, CachedMethod.Resolved resolved) {
    if (((Number) result.get(0)).longValue() != 1) {
      return false;
    }
    CachedMethod method = (CachedMethod) call.method();
    CacheEntry entry = CacheEntry.decode((byte[]) result.get(1));
    try {
      if (entry == null) {
        throw new CodecException("not a QueryLens entry");
      }
      call.served(codec.decode(entry.payload, resolved.returnType()), entry.queries);
      record(call);
      return true;
    } catch (CodecException e) {
      settings.warnOnce("decode " + method.cacheName(), "cache " + method.cacheName()
          + ": an entry could not be read and is treated as a miss, then overwritten (logged once per cache): "
          + e.getMessage());
      call.outcome(Outcome.MISS, "unreadable entry replaced");
      return false;
    }
  }

  private void followFlight(CacheCall call, Flight leader, CachedMethod.Resolved resolved) {
    try {
      byte[] payload = leader.await(LOCK_TTL_MILLIS);
      if (payload != null) {
        call.served(codec.decode(payload, resolved.returnType()), leader.queries());
        record(call);
        return;
      }
      // The leader failed, timed out or was itself a hit: look up once more, without taking part in the lock.
      serveEntry(call, runLookup(call, ""), resolved);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (StoreUnavailableException | CodecException e) {
      call.outcome(Outcome.ERROR, e.getMessage());
    }
  }

  private void awaitOtherJvm(CacheCall call, String key, CachedMethod.Resolved resolved) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.lockWaitMillis());
    try {
      while (System.nanoTime() < deadline) {
        Thread.sleep(POLL_MILLIS);
        if (serveEntry(call, runLookup(call, ""), resolved)) {
          return;
        }
      }
      call.outcome(Outcome.MISS, "computed after waiting " + settings.lockWaitMillis() + "ms for another JVM");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void complete(CacheCall call, Object returned, Throwable thrown) {
    CachedMethod method = (CachedMethod) call.method();
    Flight flight = (Flight) call.flight();
    String key = (String) call.key();
    if (thrown != null || call.outcome() == Outcome.BYPASS) {
      releaseFlight(call, flight);
      record(call);
      return;
    }
    int queries = call.queriesSinceStart();
    CachedMethod.Resolved resolved = method.resolve(null, codec, settings); // resolved by the lookup already
    byte[] payload;
    try {
      payload = codec.encode(returned, resolved.returnType());
    } catch (CodecException e) {
      settings.warnOnce("encode " + method.cacheName(), "cache " + method.cacheName()
          + ": a result could not be stored and the method runs uncached for it (logged once per cache): "
          + e.getMessage());
      call.outcome(Outcome.ERROR, "result cannot be encoded");
      releaseFlight(call, flight);
      record(call);
      return;
    }
    boolean storable = method.cacheNulls() || !(returned == null || Optional.empty().equals(returned));
    if (flight != null) {
      flight.succeed(payload, queries);
      if (!storable) {
        // Callers already waiting share this result; later ones must run the method, as nothing is stored.
        flights.remove(key, flight);
      }
    }
    if (!storable && call.lockToken() == null) {
      record(call);
      return;
    }
    // Also after a failed lookup (outcome error): the fill is a new attempt, and the breaker makes it cheap when
    // Redis really is down. A lookup that failed on a connection from before a Redis restart is what this saves.
    // Without the versions the lookup saw (it did not reach Redis), a fill could undo an eviction: store nothing.
    byte[] entry = storable && call.generation() != null
        ? CacheEntry.encode(queries, call.generation(), payload) : new byte[0];
    long ttl = resolved.ttlMillis();
    List<byte[]> keys = keysOf(call);
    List<byte[]> versions = List.of(bytes(nullToEmpty(call.generation())), bytes(nullToEmpty(call.keyVersion())));
    String token = call.lockToken();
    if (entry.length == 0 && token == null) {
      if (flight != null) {
        flights.remove(key, flight);
      }
      record(call);
      return;
    }
    try {
      fills.execute(() -> fill(key, keys, entry, ttl, token, versions, flight));
    } catch (RejectedExecutionException full) {
      settings.warnOnce("fill queue", "the cache's fill queue is full; some results are not stored");
      if (flight != null) {
        flights.remove(key, flight);
      }
    }
    record(call);
  }

  private void fill(String key, List<byte[]> keys, byte[] entry, long ttlMillis, String token,
      List<byte[]> versions, Flight flight) {
    try {
      store.eval(FILL, keys, List.of(entry, bytes(Long.toString(Math.max(ttlMillis, 1))),
          bytes(token == null ? "" : token), versions.get(0), versions.get(1)));
    } catch (StoreUnavailableException e) {
      // Redis went away after the lookup; the breaker has counted it and the next caller just misses.
    } finally {
      if (flight != null) {
        flights.remove(key, flight);
      }
    }
  }

  private void releaseFlight(CacheCall call, Flight flight) {
    String key = (String) call.key();
    if (flight != null) {
      flight.fail();
      flights.remove(key, flight);
    }
    String lockToken = call.lockToken();
    if (lockToken != null) {
      List<byte[]> keys = keysOf(call);
      try {
        fills.execute(() -> fill(key, keys, new byte[0], 0, lockToken, List.of(new byte[0], new byte[0]), null));
      } catch (RejectedExecutionException full) {
        // The lock expires by itself after its TTL.
      }
    }
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  @Override
  public void evict(String methodKey, Class<?> type, Object[] arguments) {
    MethodRegistry.EvictMethod evict = registry.evict(methodKey);
    if (evict == null) {
      return;
    }
    try {
      for (String cacheName : evict.cacheNames()) {
        String prefix = CachedMethod.cachePrefix(settings.namespace(), cacheName);
        if (evict.allEntries()) {
          // O(1) whatever the cache's size: entries of older generations are misses, deleted when next looked up
          // and expiring by their TTL meanwhile.
          flights.keySet().removeIf(key -> key.startsWith(prefix));
          store.eval("return redis.call('INCR', KEYS[1])", List.of(bytes(prefix + "gen")), List.of());
          continue;
        }
        for (CachedMethod method : registry.cachedByName(cacheName)) {
          if (!method.parameterDescriptor().equals(evict.parameterDescriptor())) {
            continue;
          }
          CachedMethod.Resolved resolved = method.resolve(null, codec, settings);
          if (resolved.problem() == null) {
            String key = keyOf(resolved, arguments);
            flights.remove(key);
            store.eval(EVICT_ENTRY, List.of(bytes(key), bytes(key + ":v")),
                List.of(bytes(Long.toString(ENTRY_VERSION_TTL_MILLIS))));
          }
        }
      }
    } catch (StoreUnavailableException | CodecException e) {
      settings.warnOnce("evict " + methodKey, "@CacheEvict on " + methodKey + " could not clear the cache ("
          + e.getMessage() + "); entries stay until their TTL (logged once)");
    }
  }

  /**
   * {@code querylens:{recipes}:RecipeRepository.findAllAsDtos@1a2b3c4d:<shape>:<arguments>}; past
   * {@code cache.max-key-length}, {@code querylens:{recipes}:#<sha-256 of that>}.
   */
  private String keyOf(CachedMethod.Resolved resolved, Object[] arguments) {
    String key = resolved.keyPrefix() + new String(codec.argumentsKey(arguments), StandardCharsets.UTF_8);
    if (key.length() <= settings.maxKeyLength()) {
      return key;
    }
    int tagEnd = resolved.keyPrefix().indexOf("}:") + 2;
    return resolved.keyPrefix().substring(0, tagEnd) + '#' + CachedMethod.sha256(key);
  }

  private static void record(CacheCall call) {
    RequestScope scope = call.scope();
    if (scope == null) {
      return;
    }
    CachedMethod method = (CachedMethod) call.method();
    boolean ranBody = call.outcome() != Outcome.HIT;
    scope.cache().record(new CacheLog.Entry(method.cacheName(), method.displayName(), call.outcome(),
        System.nanoTime() - call.startNanos(), ranBody ? call.queriesSinceStart() : 0,
        ranBody ? 0 : call.avoidedQueries(), call.detail()));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  RedisCacheStore store() {
    return store;
  }
}
