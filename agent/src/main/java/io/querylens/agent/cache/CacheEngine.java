package io.querylens.agent.cache;

import io.querylens.agent.request.CacheLog;
import io.querylens.agent.bridge.CacheBridge;
import io.querylens.agent.request.CacheCall;
import io.querylens.agent.request.CacheCall.Outcome;
import io.querylens.agent.request.RequestScope;
import io.querylens.agent.cache.codec.CacheCodec;
import io.querylens.agent.cache.codec.CodecException;
import io.querylens.agent.cache.store.CacheKeys;
import io.querylens.agent.cache.store.RedisCacheStore;
import io.querylens.agent.cache.store.RedisHealth;
import io.querylens.agent.cache.store.StoreUnavailableException;
import io.querylens.agent.invalidation.TableReads;
import io.querylens.agent.invalidation.TableVersions;
import io.querylens.agent.invalidation.WriteTracker;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What happens around a {@code @Cached} call.
 *
 * <p><b>Hit</b>: one {@code MGET} of the entry, its cache's generation and the versions of the tables this method's
 * entries depend on. The entry's header names the generation and table versions it was filled under; it is served
 * only if all are still current. The generation includes the run of the Redis server that answered, so an entry
 * filled before a restart, a restore or a failover is never served after it ({@link EntryStore}). No script runs on
 * a hit: a script that returns a 24 KB entry costs ~10 µs more than a plain read (benchmarks/CACHE.md). On a Redis Cluster the table versions live in another slot, so a hit of
 * an entry with tables takes a second {@code MGET}.
 *
 * <p><b>Miss</b>: the same {@code MGET} also read the entry's own version and its lock, and the table versions are
 * those the fill will record: nothing more is needed before the method runs. For a method whose last run took a poll
 * interval or more, the lock ({@link CrossJvmLock}: one JVM computes while the others wait for its entry, at most
 * {@code cache.lock-wait}) is taken in the background; a faster one is quicker to compute than to wait for. Only a
 * method's first miss in a JVM, before its tables are known, runs a script that reads every table's version and
 * takes the lock. Inside one JVM, callers missing the same key share one computation ({@link SingleFlights}).
 * Meanwhile the thread records the tables the method reads.
 *
 * <p><b>Fill</b> happens off the caller's thread: the caller pays for encoding, a background thread writes the entry
 * (unless an eviction came in between) and releases the lock in one script, within about a millisecond, without the
 * caller waking it ({@link FillThread}). The entry records the versions read <em>before</em> the method ran, so a
 * write committed while it ran makes it stale at once; {@link InvalidationGuard} decides what may be stored.
 *
 * <p><b>Failure</b> never reaches the application: Redis down or slow (the store's circuit breaker makes that cost
 * microseconds), an entry that cannot be decoded (a miss, overwritten by the fill), a value that cannot be encoded
 * (not cached) — each is logged once and the method simply runs.
 *
 * <p>This class decides what happens when; {@link EntryStore} does the round trips and {@link CacheKeys} names the
 * keys.
 */
public final class CacheEngine implements CacheBridge.Engine {
  private static final byte[] NONE = new byte[0];

  private final MethodRegistry registry;
  private final CacheCodec codec;
  private final EntryStore entries;
  private final CacheSettings settings;
  /** Null when automatic invalidation is off: entries then record no tables. */
  private final WriteTracker tracker;
  private final SingleFlights flights = new SingleFlights();
  private final CrossJvmLock lock;
  private final InvalidationGuard guard;
  private final FillThread fills;
  private final RedisHealth health;
  private final SettingsMismatch mismatch;
  private final UnreadableEntries unreadable;
  private final CacheHealth counts;

  CacheEngine(MethodRegistry registry, CacheCodec codec, RedisCacheStore store, CacheSettings settings) {
    this(registry, codec, store, settings, new TableVersions(store, settings.namespace()), null);
  }

  CacheEngine(MethodRegistry registry, CacheCodec codec, RedisCacheStore store, CacheSettings settings,
      TableVersions tableVersions, WriteTracker tracker) {
    this.registry = registry;
    this.codec = codec;
    this.entries = new EntryStore(store, tableVersions, settings.namespace());
    this.settings = settings;
    this.tracker = tracker;
    this.health = store.health();
    this.mismatch = new SettingsMismatch(settings);
    this.unreadable = new UnreadableEntries(settings.warnings());
    this.counts = new CacheHealth(store, tableVersions);
    this.fills = new FillThread("querylens-cache-fill", 1024);
    this.lock = new CrossJvmLock(entries, fills, settings);
    this.guard = new InvalidationGuard(tracker, entries);
    // A short-lived JVM (a batch job, a CLI) must not lose the entries it computed just before exiting.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> fills.drain(2000), "querylens-cache-flush"));
  }

  @Override
  public CacheCall lookup(String methodKey, Class<?> type, Object[] arguments) {
    CachedMethod method = registry.cached(methodKey);
    if (method == null) {
      return null;
    }
    registry.summarizeOnce();
    if (method.neverServable() != null) {
      return bypass(method, method.neverServable()); // said once when its class loaded
    }
    CachedMethod.Resolved resolved = method.resolve(type, codec, settings);
    if (resolved.problem() != null) {
      settings.warnOnce("resolve " + methodKey, "@Cached " + method.displayName() + " runs uncached: "
          + resolved.problem());
      return bypass(method, resolved.problem());
    }
    String unstorable = method.unstorableNow();
    if (unstorable != null) {
      return bypass(method, "a recent result could not be stored: " + unstorable);
    }
    String key;
    try {
      key = keyOf(resolved, arguments);
    } catch (CodecException e) {
      settings.warnOnce("arguments " + methodKey, "@Cached " + method.displayName()
          + " runs uncached for arguments the cache cannot encode: " + e.getMessage());
      return bypass(method, "arguments cannot be encoded");
    }
    EngineCall call = new EngineCall(method, key, Outcome.MISS);
    Set<String> uncommitted = tracker == null ? Set.of() : tracker.uncommittedTables();
    if (!uncommitted.isEmpty()) {
      String written = InvalidationGuard.firstShared(uncommitted, method.expectedTables());
      if (written != null) {
        InvalidationGuard.bypassForOwnWrites(call, written);
        return call;
      }
    }
    if (tracker != null && !tracker.settled()) {
      // A write this JVM committed has not moved the versions in Redis yet: no entry can be trusted.
      String because = tracker.owedBecause();
      call.outcome(Outcome.ERROR, "a write's invalidation has not reached Redis yet"
          + (because == null ? "" : ": " + because));
      health.ranUncached();
      return call;
    }

    // A thread whose transaction has written may read its own rows: it neither joins nor leads a shared flight.
    boolean shares = uncommitted.isEmpty();
    Flight flight = new Flight();
    Flight existing = shares ? flights.lead(key, flight) : null;
    try {
      if (existing == null || !followFlight(call, existing, method, resolved)) {
        String leaderUnstorable = existing == null ? null : method.unstorableNow();
        if (leaderUnstorable != null) {
          // The leader's result could not be stored: neither Redis nor another flight can serve this call. This
          // caller's flight was never registered (the leader's was), so there is nothing to release.
          call.outcome(Outcome.BYPASS, "a recent result could not be stored: " + leaderUnstorable);
          return call;
        }
        if (existing != null) {
          existing = flights.leadAfter(key, existing, flight);
        }
        boolean leads = shares && existing == null;
        if (leads) {
          call.flight(flight);
        }
        Found found = find(call, method, resolved, uncommitted);
        if (found != Found.HIT && call.outcome() != Outcome.BYPASS) {
          if (leads) {
            prepareMiss(call, method, resolved, uncommitted, found);
          } else {
            missWithoutLock(call, method);
          }
        }
      }
    } catch (StoreUnavailableException e) {
      call.outcome(Outcome.ERROR, health.explain(e));
      health.ranUncached();
    }
    if (call.isHit() || call.outcome() == Outcome.BYPASS) {
      // Leads nothing: callers that queued behind it look the entry up themselves.
      flights.abandon(key, flight);
      call.flight(null);
    } else {
      if (tracker != null && method.invalidateOnWrites()) {
        call.reads(tracker.startReading());
      }
      call.bodyStarts();
    }
    return call;
  }

  /** A call that runs the method without a single Redis command, and says why in its report entry. */
  private static CacheCall bypass(CachedMethod method, String why) {
    EngineCall call = new EngineCall(method, null, Outcome.BYPASS);
    call.outcome(Outcome.BYPASS, why);
    return call;
  }

  /**
   * Looks the entry up and serves it if it is current: one {@code MGET} of the entry, its cache's generation, its
   * own version, its lock and (on one Redis) the versions of the tables this method is expected to depend on. On a
   * miss those values, read before the method runs, are the ones its fill will be checked against; the first
   * lookup of a call keeps them.
   *
   * @return HIT if {@code call} is now a hit; otherwise its outcome says why not (miss, stale, bypass)
   */
  private Found find(EngineCall call, CachedMethod method, CachedMethod.Resolved resolved,
      Set<String> uncommitted) {
    boolean tracking = tracker != null && method.invalidateOnWrites();
    // An untracked method's entries name no tables (unless another JVM tracks it: a second MGET then).
    EntryStore.Lookup found = entries.lookup(call.key(), method.cacheName(),
        tracking ? method.expectedTables() : List.of());
    Found miss = found.locked ? Found.LOCKED : Found.FREE;
    if (call.generation() == null) {
      call.versions(found.generation, found.version);
      if (tracking && method.tablesLearned() && !entries.clusterMode()) {
        call.tableVersions(found.tableVersions());
      }
    }
    byte[] raw = found.entry;
    if (raw == null) {
      return miss;
    }
    CacheEntry entry = CacheEntry.decode(raw);
    if (entry == null) {
      unreadable(call, method, "not a QueryLens entry of this version");
      return miss;
    }
    if (!entry.generation.equals(found.generation)) {
      if (!EntryStore.runOf(entry.generation).equals(EntryStore.runOf(found.generation))) {
        // Redis's data may have gone back in time since (restart, restore, failover): nothing in it is comparable.
        call.outcome(Outcome.MISS, "filled under another Redis run (restart, restore or failover)");
      }
      return miss; // or filled before an eviction of the whole cache: a miss, overwritten by the fill
    }
    if (tracking && !entry.tracked()) {
      // Stored by a JVM that did not track the method's tables: no write could ever have made it stale.
      mismatch.untrackedEntry(method);
      call.outcome(Outcome.MISS, "an entry stored without the tables it read (another JVM's settings) replaced");
      return miss;
    }
    if (entry.tracked()) {
      if (!tracking) {
        mismatch.trackedEntry(method, tracker != null);
      }
      String changed = guard.changedTable(entry, method, found);
      if (changed != null) {
        call.outcome(Outcome.STALE, "table " + changed + " changed");
        return miss;
      }
      if (!uncommitted.isEmpty()) {
        String written = InvalidationGuard.firstShared(uncommitted, Arrays.asList(entry.tables));
        if (written != null) {
          InvalidationGuard.bypassForOwnWrites(call, written);
          return miss;
        }
      }
    }
    try {
      call.served(codec.decode(raw, entry.payloadOffset, raw.length - entry.payloadOffset, resolved.returnType()),
          entry.queries);
    } catch (CodecException e) {
      unreadable(call, method, e.getMessage());
      return miss;
    }
    if (tracker != null && entry.tracked()) {
      tracker.readThroughCache(Set.of(entry.tables));
    }
    record(call);
    return Found.HIT;
  }

  /**
   * After a miss, before the method runs: the versions its fill needs, and the key's lock. Once this JVM knows which
   * tables the method reads, the lookup has read their versions already, and the lock is taken in the background: a
   * miss costs the caller one round trip. The first time, a script reads every table's version and takes the lock.
   * Another caller's lock means waiting for its entry, up to {@code cache.lock-wait}.
   */
  private void prepareMiss(EngineCall call, CachedMethod method, CachedMethod.Resolved resolved,
      Set<String> uncommitted, Found found) {
    boolean tracking = tracker != null && method.invalidateOnWrites();
    // A method that once returned what cannot be stored neither locks nor waits: nobody may wait for an entry that
    // may never be written.
    boolean locks = !method.everUnstorable();
    if (tracking && !method.tablesLearned()) {
      String state = readVersions(call, method, found == Found.LOCKED || !locks ? "" : lock.newToken());
      if (locks && (found == Found.LOCKED || state.equals("busy"))) {
        lock.awaitHolder(call, () -> find(call, method, resolved, uncommitted));
      }
      return;
    }
    if (tracking && entries.clusterMode()) {
      call.tableVersions(entries.versionsOf(method.expectedTables(), call.generation()));
    }
    if (!locks) {
      return;
    }
    if (found == Found.LOCKED) {
      lock.awaitHolder(call, () -> find(call, method, resolved, uncommitted));
    } else if (CrossJvmLock.worthTaking(method)) {
      lock.takeInBackground(call);
    }
  }

  private void unreadable(EngineCall call, CachedMethod method, String why) {
    unreadable.replaced(method.cacheName(), why);
    call.outcome(Outcome.MISS, "unreadable entry replaced");
  }

  /**
   * Before the method runs on a miss: reads the versions its fill will be checked against and, with a token, tries
   * to take the key's lock.
   *
   * @return "locked" (the token now holds the lock), "busy" (another caller holds it) or "" (no token given)
   */
  private String readVersions(EngineCall call, CachedMethod method, String token) {
    boolean withTables = tracker != null && method.invalidateOnWrites();
    EntryStore.MissVersions read = entries.readVersions(call.key(), method.cacheName(), token, withTables);
    call.versions(read.generation(), read.version());
    if (withTables) {
      call.tableVersions(read.tables());
    }
    if (read.lock().equals("locked")) {
      call.lockToken(token);
    }
    return read.lock();
  }

  /** @return true if the leader's result, still current, now serves {@code call} */
  private boolean followFlight(EngineCall call, Flight leader, CachedMethod method, CachedMethod.Resolved resolved) {
    try {
      Flight.Result result = SingleFlights.follow(leader);
      if (result == null || result.generation() == null
          || !entries.unchangedSince(call.key(), method.cacheName(), result.generation(),
              result.keyVersion(), result.tableVersions())) {
        return false;
      }
      byte[] encoded = result.encoded();
      call.served(codec.decode(encoded, result.payloadOffset(), encoded.length - result.payloadOffset(),
          resolved.returnType()), result.queries());
      if (tracker != null && !result.tableVersions().isEmpty()) {
        tracker.readThroughCache(result.tableVersions().keySet());
      }
      record(call);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (CodecException e) {
      return false;
    }
  }

  /** A miss that runs the method outside the key's flight and lock: it still needs the versions its fill needs. */
  private void missWithoutLock(EngineCall call, CachedMethod method) {
    if (tracker != null && method.invalidateOnWrites()) {
      if (!method.tablesLearned()) {
        readVersions(call, method, "");
      } else if (entries.clusterMode()) {
        call.tableVersions(entries.versionsOf(method.expectedTables(), call.generation()));
      }
    }
  }

  @Override
  public void complete(CacheCall completed, Object returned, Throwable thrown) {
    EngineCall call = (EngineCall) completed; // made by lookup
    CachedMethod method = call.method();
    Flight flight = call.flight();
    String key = call.key();
    TableReads reads = call.reads();
    if (reads != null) {
      tracker.stopReading(reads);
    }
    if (thrown != null || call.outcome() == Outcome.BYPASS) {
      releaseFlight(call, flight);
      record(call);
      return;
    }
    Map<String, String> dependencies = Map.of();
    if (reads != null) {
      if (guard.refusesToStore(call, reads)) {
        releaseFlight(call, flight);
        record(call);
        return;
      }
      dependencies = InvalidationGuard.dependencies(reads.tables(), call.tableVersions());
    }
    method.bodyTook(call.bodyNanos());
    int queries = call.queriesSinceStart();
    CachedMethod.Resolved resolved = method.resolve(null, codec, settings); // resolved by the lookup already
    boolean storable = method.cacheNulls() || !(returned == null || Optional.empty().equals(returned));
    // Also after a failed lookup (outcome error): the fill is a new attempt, and the breaker makes it cheap when
    // Redis really is down. A lookup that failed on a connection from before a Redis restart is what this saves.
    // Without the versions the lookup saw (it did not reach Redis), a fill could undo an eviction: store nothing.
    boolean stores = storable && call.generation() != null;
    byte[] header = stores ? CacheEntry.header(queries, call.generation(), dependencies) : NONE;
    byte[] encoded;
    try {
      encoded = codec.encode(returned, resolved.returnType(), header);
    } catch (CodecException e) {
      settings.warnOnce("encode " + method.cacheName(), "cache " + method.cacheName() + ": a result of "
          + method.displayName() + " cannot be stored, so its calls bypass the cache for "
          + TimeUnit.NANOSECONDS.toSeconds(CachedMethod.UNSTORABLE_RETRY_NANOS) + " s before one tries again, and"
          + " it never takes the cross-JVM lock (logged once per cache): " + e.getMessage());
      method.resultUnstorable(e.getMessage());
      call.outcome(Outcome.BYPASS, "result cannot be stored: " + e.getMessage());
      releaseFlight(call, flight); // releases the lock at once: other JVMs must not wait for this entry
      record(call);
      return;
    }
    if (flight != null) {
      flight.succeed(new Flight.Result(encoded, header.length, queries, call.generation(), call.keyVersion(),
          dependencies));
      if (!storable) {
        // Callers already waiting share this result; later ones must run the method, as nothing is stored.
        flights.land(key, flight);
      }
    }
    if (!dependencies.isEmpty()) {
      method.expect(dependencies.keySet());
    }
    String token = call.lockToken();
    if (!stores && token == null) {
      // Nothing to store and no lock to release.
      flights.land(key, flight);
      record(call);
      return;
    }
    byte[] entry = stores ? encoded : NONE;
    long ttl = resolved.ttlMillis();
    String cacheName = method.cacheName();
    String generation = call.generation();
    String version = call.keyVersion();
    if (!fills.submit(() -> fill(key, cacheName, entry, ttl, token, generation, version, flight),
        token != null)) {
      settings.warnOnce("fill queue", "the cache's fill queue is full; some results are not stored");
      String why = "not stored: the fill queue is full";
      call.outcome(call.outcome(), call.detail() == null ? why : call.detail() + "; " + why);
      flights.land(key, flight);
    }
    record(call);
  }

  private void fill(String key, String cacheName, byte[] entry, long ttlMillis, String token, String generation,
      String version, Flight flight) {
    try {
      entries.fill(key, cacheName, entry, ttlMillis, token, generation, version);
    } catch (StoreUnavailableException e) {
      // Redis went away after the lookup; the breaker has counted it and the next caller just misses.
    } finally {
      flights.land(key, flight);
    }
  }

  private void releaseFlight(EngineCall call, Flight flight) {
    flights.abandon(call.key(), flight);
    if (call.lockToken() != null) {
      lock.release(call.key(), call.method().cacheName(), call.lockToken());
    }
  }

  @Override
  public void evict(String methodKey, Class<?> type, Object[] arguments) {
    MethodRegistry.EvictMethod evict = registry.evict(methodKey);
    if (evict == null) {
      return;
    }
    try {
      for (String cacheName : evict.cacheNames()) {
        if (evict.allEntries()) {
          // O(1) whatever the cache's size: entries of older generations are misses, deleted when next looked up
          // and expiring by their TTL meanwhile.
          flights.forgetAll(CacheKeys.cachePrefix(settings.namespace(), cacheName));
          entries.evictAll(cacheName);
          continue;
        }
        for (CachedMethod method : registry.cachedByName(cacheName)) {
          if (!method.parameterDescriptor().equals(evict.parameterDescriptor())) {
            continue;
          }
          CachedMethod.Resolved resolved = method.resolve(null, codec, settings);
          if (resolved.problem() == null) {
            String key = keyOf(resolved, arguments);
            flights.forget(key);
            entries.evictEntry(key);
          }
        }
      }
    } catch (StoreUnavailableException | CodecException e) {
      settings.warnOnce("evict " + methodKey, "@CacheEvict on " + methodKey + " could not clear the cache ("
          + e.getMessage() + "); entries stay until their TTL (logged once)");
    }
  }

  private String keyOf(CachedMethod.Resolved resolved, Object[] arguments) {
    return CacheKeys.entryKey(resolved.keyPrefix(), new String(codec.argumentsKey(arguments), StandardCharsets.UTF_8),
        settings.maxKeyLength());
  }

  /** Counts since start-up, and Redis's state, for monitoring. */
  public CacheHealth health() {
    return counts;
  }

  private void record(EngineCall call) {
    counts.count(call.outcome());
    RequestScope scope = call.scope();
    if (scope == null) {
      return;
    }
    CachedMethod method = call.method();
    boolean ranBody = call.outcome() != Outcome.HIT;
    scope.cache().record(new CacheLog.Entry(method.cacheName(), method.displayName(), call.outcome(),
        System.nanoTime() - call.startNanos(), ranBody ? call.queriesSinceStart() : 0,
        ranBody ? 0 : call.avoidedQueries(), call.detail()));
  }
}
