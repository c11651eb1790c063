package io.querylens.agent.cache;

import io.querylens.agent.cache.store.Answer;
import io.querylens.agent.cache.store.CacheKeys;
import io.querylens.agent.cache.store.CacheScripts;
import io.querylens.agent.cache.store.RedisCacheStore;
import io.querylens.agent.invalidation.TableVersions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cache's round trips. An entry lives under its key with three companions in the same cluster slot (the key's
 * hash tag is the cache's name): its lock, its own version (moved on by an eviction by arguments) and the cache's
 * generation (moved on by an eviction of all its entries); {@link CacheKeys} names them all. Table versions are
 * {@link TableVersions}'. {@link CacheEngine} decides what to do;
 * this class only knows where things are and how to read and write them.
 *
 * <p><b>Runs.</b> A generation this class hands out is {@code <counter>@<run>}: the counter qualified by the run of
 * the server that answered ({@code io.querylens.agent.cache.store.ServerRuns}, which says why that is what changes
 * when Redis's data can have gone back in time). An entry records it in its header and is served only while the
 * generation read with it is equal, so an entry filled under another run (before a restart, a restore, a failover)
 * is a miss. The table versions read in the same round trip come from the same run and need no qualifier; versions
 * read in another round trip (a second {@code MGET}, and always on a cluster, where they live in a slot of their
 * own) carry {@code @<run>} unless they came from the generation's run, so that versions of two histories never
 * compare equal. None of this costs a round trip: each connection learns its run once.
 *
 * <p>Every method may throw {@link io.querylens.agent.cache.store.StoreUnavailableException}.
 */
final class EntryStore {
  static final long LOCK_TTL_MILLIS = 10_000;

  /** How long an entry's version outlives its eviction: longer than any fill can take to land. */
  private static final long ENTRY_VERSION_TTL_MILLIS = 3_600_000;

  /** Where a lookup's {@code MGET} puts the table versions: after entry, generation, version, lock. */
  private static final int FIRST_TABLE = 4;

  private final RedisCacheStore store;
  private final TableVersions tableVersions;
  private final String namespace;

  EntryStore(RedisCacheStore store, TableVersions tableVersions, String namespace) {
    this.store = store;
    this.tableVersions = tableVersions;
    this.namespace = namespace;
  }

  /** What one lookup read; values absent from Redis read as "0". */
  static final class Lookup {
    /** The stored bytes, or null. */
    final byte[] entry;
    /** {@code <counter>@<run>}: see the class comment. */
    final String generation;
    final String version;
    final boolean locked;
    private final List<String> tables;
    private final List<byte[]> values;

    private Lookup(Answer<List<byte[]>> answer, List<String> tables) {
      List<byte[]> values = answer.value();
      this.entry = values.get(0);
      this.generation = textOrZero(values.get(1)) + "@" + answer.run();
      this.version = textOrZero(values.get(2));
      this.locked = values.get(3) != null;
      this.tables = tables;
      this.values = values;
    }

    /** The version of {@code table} read with the entry, or null if it was not read. */
    String tableVersion(String table) {
      int at = tables.indexOf(table);
      return at < 0 ? null : textOrZero(values.get(FIRST_TABLE + at));
    }

    /** Every table version read with the entry. */
    Map<String, String> tableVersions() {
      Map<String, String> versions = new HashMap<>();
      for (int i = 0; i < tables.size(); i++) {
        versions.put(tables.get(i), textOrZero(values.get(FIRST_TABLE + i)));
      }
      return versions;
    }
  }

  /**
   * One {@code MGET} of the entry, its generation, its version, its lock and, on one Redis, the versions of
   * {@code tables} (on a cluster they live in another slot: none are read).
   */
  Lookup lookup(String key, String cacheName, List<String> tables) {
    List<String> read = store.clusterMode() ? List.of() : tables;
    List<byte[]> keys = new ArrayList<>(FIRST_TABLE + read.size());
    keys.add(bytes(key));
    keys.add(generationKey(cacheName));
    keys.add(bytes(CacheKeys.versionKey(key)));
    keys.add(bytes(CacheKeys.lockKey(key)));
    for (String table : read) {
      keys.add(tableVersions.versionKey(table));
    }
    return new Lookup(store.mget(keys), read);
  }

  /**
   * The current versions of {@code tables}, absent ones as 0, qualified by their run unless it is
   * {@code generation}'s: one {@code MGET} (their own slot on a cluster).
   */
  Map<String, String> versionsOf(Collection<String> tables, String generation) {
    List<String> names = new ArrayList<>(tables);
    Answer<List<byte[]>> answer = store.mget(versionKeys(names));
    Map<String, String> versions = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      versions.put(names.get(i), qualified(textOrZero(answer.value().get(i)), answer.run(), generation));
    }
    return versions;
  }

  /** What a miss reads before its method runs; {@code tables} null unless asked for. */
  record MissVersions(String generation, String version, String lock, Map<String, String> tables) {}

  /**
   * A script reads the entry's generation and version and, with {@code withTables}, every table's version (a
   * second call on a cluster); with a token it also tries to take the key's lock: {@code lock} is then "locked" or
   * "busy", otherwise "".
   */
  MissVersions readVersions(String key, String cacheName, String token, boolean withTables) {
    boolean together = withTables && !store.clusterMode();
    List<byte[]> keys = new ArrayList<>(4);
    keys.add(bytes(CacheKeys.lockKey(key)));
    keys.add(generationKey(cacheName));
    keys.add(bytes(CacheKeys.versionKey(key)));
    List<byte[]> arguments = new ArrayList<>(3);
    arguments.add(bytes(token));
    arguments.add(bytes(Long.toString(LOCK_TTL_MILLIS)));
    if (together) {
      keys.add(tableVersions.tablesKey());
      arguments.add(tableVersions.versionPrefix());
    }
    Answer<Object> answer = store.evalAnswered(CacheScripts.MISS, keys, arguments);
    List<?> reply = (List<?>) answer.value();
    String generation = text(reply.get(0)) + "@" + answer.run();
    Map<String, String> tables = null;
    if (together) {
      tables = TableVersions.pairs(reply, 3);
    } else if (withTables) {
      Answer<Map<String, String>> all = tableVersions.readAll();
      tables = new HashMap<>();
      // So that the map always carries the run its versions were read under ({@link #neverWritten}).
      tables.put(TableVersions.ANY, qualified("0", all.run(), generation));
      for (Map.Entry<String, String> table : all.value().entrySet()) {
        tables.put(table.getKey(), qualified(table.getValue(), all.run(), generation));
      }
    }
    return new MissVersions(generation, text(reply.get(1)), text(reply.get(2)), tables);
  }

  /** {@code SET NX PX} of the key's lock with {@code token}. */
  void lock(String key, String token) {
    store.tryLock(CacheKeys.lockKey(key), token, LOCK_TTL_MILLIS);
  }

  /**
   * Stores {@code entry} (unless empty) if the generation and version are still those given, then releases the lock
   * if {@code token} (unless null) still holds it: one script.
   */
  void fill(String key, String cacheName, byte[] entry, long ttlMillis, String token, String generation,
      String version) {
    store.eval(CacheScripts.FILL, List.of(bytes(key), bytes(CacheKeys.lockKey(key)), generationKey(cacheName),
            bytes(CacheKeys.versionKey(key))),
        List.of(entry, bytes(Long.toString(Math.max(ttlMillis, 1))), bytes(token == null ? "" : token),
            bytes(generation == null ? "" : counterOf(generation)), bytes(version == null ? "" : version)));
  }

  /**
   * Whether the generation, the version and every table version are still those given: one {@code MGET} (two on a
   * cluster).
   */
  boolean unchangedSince(String key, String cacheName, String generation, String version,
      Map<String, String> tables) {
    List<String> names = new ArrayList<>(tables.keySet());
    List<byte[]> keys = new ArrayList<>(2 + names.size());
    keys.add(generationKey(cacheName));
    keys.add(bytes(CacheKeys.versionKey(key)));
    if (!store.clusterMode()) {
      keys.addAll(versionKeys(names));
    }
    Answer<List<byte[]>> answer = store.mget(keys);
    List<byte[]> values = answer.value();
    if (!generation.equals(textOrZero(values.get(0)) + "@" + answer.run())
        || !version.equals(textOrZero(values.get(1)))) {
      return false;
    }
    Map<String, String> current;
    if (store.clusterMode()) {
      current = names.isEmpty() ? Map.of() : versionsOf(names, generation);
    } else {
      current = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        current.put(names.get(i), textOrZero(values.get(2 + i)));
      }
    }
    for (String table : names) {
      if (!tables.get(table).equals(current.get(table))) {
        return false;
      }
    }
    return true;
  }

  /** Every entry of the cache becomes a miss: O(1) whatever its size; older entries expire by their TTL. */
  void evictAll(String cacheName) {
    store.eval(CacheScripts.EVICT_ALL, List.of(generationKey(cacheName)), List.of());
  }

  /** Deletes the entry and moves its version on, so that no fill in flight lands. */
  void evictEntry(String key) {
    store.eval(CacheScripts.EVICT_ENTRY, List.of(bytes(key), bytes(CacheKeys.versionKey(key))),
        List.of(bytes(Long.toString(ENTRY_VERSION_TTL_MILLIS))));
  }

  boolean clusterMode() {
    return store.clusterMode();
  }

  String newLockToken() {
    return store.newLockToken();
  }

  private List<byte[]> versionKeys(List<String> tables) {
    List<byte[]> keys = new ArrayList<>(tables.size());
    for (String table : tables) {
      keys.add(tableVersions.versionKey(table));
    }
    return keys;
  }

  /** {@code version}, followed by {@code @<run>} unless {@code run} is the one {@code generation} was read under. */
  private static String qualified(String version, String run, String generation) {
    return generation != null && run.equals(runOf(generation)) ? version : version + "@" + run;
  }

  /**
   * The version of a table absent from {@code versions} (never written when they were read): 0, qualified as they
   * are, since they were all read in one round trip.
   */
  static String neverWritten(Map<String, String> versions) {
    for (String version : versions.values()) {
      int at = version.lastIndexOf('@');
      return at < 0 ? "0" : "0" + version.substring(at);
    }
    return "0";
  }

  /** The run a generation was read under, or "" for one without (written by an older agent). */
  static String runOf(String generation) {
    int at = generation.lastIndexOf('@');
    return at < 0 ? "" : generation.substring(at + 1);
  }

  /** The generation's counter, as Redis holds it. */
  static String counterOf(String generation) {
    int at = generation.lastIndexOf('@');
    return at < 0 ? generation : generation.substring(0, at);
  }

  private byte[] generationKey(String cacheName) {
    return bytes(CacheKeys.generationKey(namespace, cacheName));
  }

  private static String text(Object reply) {
    return new String((byte[]) reply, StandardCharsets.UTF_8);
  }

  static String textOrZero(byte[] value) {
    return value == null ? "0" : new String(value, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
