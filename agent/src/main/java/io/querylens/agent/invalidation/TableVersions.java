package io.querylens.agent.invalidation;

import io.querylens.agent.cache.store.Answer;
import io.querylens.agent.cache.store.CacheKeys;
import io.querylens.agent.cache.store.CacheScripts;
import io.querylens.agent.cache.store.RedisCacheStore;
import io.querylens.agent.cache.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One counter per table in Redis: {@code <ns>:table:{<ns>}:<table>}, plus the set of tables ever written,
 * {@code <ns>:tables:{<ns>}}, so that a miss can read every version before its method runs without knowing yet
 * which tables the method will read. The hash tag puts all of them in one cluster slot: a commit's bump is one
 * script, on one Redis and on a cluster alike. The counters never expire; there is one per table written.
 *
 * <p>{@link #ANY} is the pseudo-table every entry depends on: a write whose tables can't be named (a stored
 * procedure call) bumps it, which makes every entry of the namespace stale.
 */
public final class TableVersions {
  public static final String ANY = "*";

  private final RedisCacheStore store;
  private final String namespace;
  private final byte[] tablesKey;
  private final byte[] versionPrefix;
  /** Tables whose bump failed (Redis unreachable): delivered before the cache serves anything again. */
  private final Set<String> owed = ConcurrentHashMap.newKeySet();
  /** Bumps (commits) owed, for the line that says Redis is back; their tables are in {@link #owed}. */
  private final AtomicInteger owedBumps = new AtomicInteger();
  /** Why the last bump failed, for the detail of calls refused meanwhile; null once nothing is owed. */
  private volatile String owedBecause;
  /**
   * Delivers owed bumps until they are through, at once and then once a second, so that other JVMs learn of the
   * writes as soon as Redis takes them, not only when this JVM next looks something up or writes. Its thread exists
   * only while something is owed.
   */
  private final ScheduledThreadPoolExecutor retries = new ScheduledThreadPoolExecutor(1, runnable -> {
    Thread thread = new Thread(runnable, "querylens-invalidation-retry");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean retrying = new AtomicBoolean();

  static final long RETRY_MILLIS = 1_000;

  public TableVersions(RedisCacheStore store, String namespace) {
    retries.setKeepAliveTime(RETRY_MILLIS * 5, TimeUnit.MILLISECONDS);
    retries.allowCoreThreadTimeOut(true);
    this.store = store;
    store.health().owedBy(owed::size);
    this.namespace = namespace;
    this.tablesKey = bytes(CacheKeys.tablesKey(namespace));
    this.versionPrefix = bytes(CacheKeys.tableVersionPrefix(namespace));
  }

  /**
   * Moves the tables' versions on, in one command, waiting at most the store's timeout: this runs before a
   * {@code commit()} returns to the application.
   *
   * @return false if Redis could not be reached; the tables are then owed, see {@link #settleOwed}
   */
  public boolean bump(Collection<String> tables) {
    List<String> settling = List.copyOf(owed);
    try {
      store.eval(CacheScripts.BUMP, List.of(tablesKey), arguments(tables, settling));
      delivered(settling);
      return true;
    } catch (StoreUnavailableException e) {
      owedBecause = store.health().explain(e);
      owed.addAll(tables);
      if (!tables.isEmpty()) {
        owedBumps.incrementAndGet();
        store.health().bumpOwed();
      }
      scheduleRetry(0);
      return false;
    }
  }

  /**
   * Delivers what is owed on the retry thread, with a connection that waits for Redis as long as it takes to accept
   * writes again ({@link RedisCacheStore#evalPatiently}): a bump refused by a {@code CLIENT PAUSE WRITE} or a
   * {@code FAILOVER} lands the moment writes resume, not at the next attempt after it. A Redis that is down fails it
   * at once, and it is tried again a second later.
   */
  private void retry() {
    retrying.set(false);
    List<String> settling = List.copyOf(owed);
    if (settling.isEmpty() || store.isClosed()) {
      return;
    }
    try {
      store.evalPatiently(CacheScripts.BUMP, List.of(tablesKey), arguments(Set.of(), settling));
      delivered(settling);
    } catch (StoreUnavailableException e) {
      owedBecause = store.health().explain(e);
      scheduleRetry(RETRY_MILLIS);
    } catch (RuntimeException e) {
      scheduleRetry(RETRY_MILLIS); // never let the retry thread die with bumps still owed
    }
  }

  private List<byte[]> arguments(Collection<String> tables, List<String> settling) {
    List<byte[]> arguments = new ArrayList<>(tables.size() + settling.size() + 1);
    arguments.add(versionPrefix);
    for (String table : tables) {
      arguments.add(bytes(table));
    }
    for (String table : settling) {
      if (!tables.contains(table)) {
        arguments.add(bytes(table));
      }
    }
    return arguments;
  }

  private void delivered(List<String> settled) {
    if (settled.isEmpty()) {
      return;
    }
    owed.removeAll(settled);
    int bumps = owedBumps.getAndSet(0);
    if (owed.isEmpty()) {
      owedBecause = null;
    }
    store.health().owedDelivered(bumps);
  }

  private void scheduleRetry(long delayMillis) {
    if (retrying.compareAndSet(false, true)) {
      retries.schedule(this::retry, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Whether no bump is owed: true at once in the usual case; otherwise tries to deliver the owed ones first, within
   * the store's timeout. An entry must not be served while a write this JVM saw has not reached Redis.
   */
  public boolean settleOwed() {
    return owed.isEmpty() || bump(Set.of());
  }

  /** How many tables have a bump owed to Redis; for monitoring. */
  public int owedTables() {
    return owed.size();
  }

  /** How many commits' bumps are owed to Redis; for monitoring. */
  public int owedBumps() {
    return owed.isEmpty() ? 0 : owedBumps.get();
  }

  /** Why the owed bumps could not be delivered (the store's last failure), or null if nothing is owed. */
  public String owedBecause() {
    return owed.isEmpty() ? null : owedBecause;
  }

  /**
   * Every table ever written, with its version and the run of the server that answered (see {@code EntryStore}):
   * what a miss records before its method runs, on a cluster in a call of its own.
   */
  public Answer<Map<String, String>> readAll() {
    Answer<Object> answer = store.evalAnswered(CacheScripts.READ_ALL_VERSIONS, List.of(tablesKey), List.of(versionPrefix));
    return new Answer<>(pairs((List<?>) answer.value(), 0), answer.run());
  }

  /** Table-version pairs from a script's flat array reply, from {@code offset}. */
  public static Map<String, String> pairs(List<?> reply, int offset) {
    Map<String, String> versions = new HashMap<>();
    for (int i = offset; i + 1 < reply.size(); i += 2) {
      versions.put(text(reply.get(i)), text(reply.get(i + 1)));
    }
    return versions;
  }

  public byte[] versionKey(String table) {
    return bytes(CacheKeys.tableVersionKey(namespace, table));
  }

  public byte[] tablesKey() {
    return tablesKey;
  }

  public byte[] versionPrefix() {
    return versionPrefix;
  }

  private static String text(Object reply) {
    return reply instanceof byte[] ? new String((byte[]) reply, StandardCharsets.UTF_8) : String.valueOf(reply);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
