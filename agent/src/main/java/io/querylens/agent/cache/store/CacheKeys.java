package io.querylens.agent.cache.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Every Redis key the agent reads or writes, built here and nowhere else, so that the layout can be read in one place:
 *
 * <pre>
 * &lt;ns&gt;:{&lt;cache&gt;}:&lt;Type.method&gt;@&lt;hash&gt;:&lt;shape&gt;:&lt;arguments&gt;   an entry
 * &lt;ns&gt;:{&lt;cache&gt;}:#&lt;sha-256&gt;                                   an entry whose key is too long
 * &lt;entry&gt;:lock   &lt;entry&gt;:v                                      its cross-JVM lock, its version
 * &lt;ns&gt;:{&lt;cache&gt;}:gen                                             the cache's generation
 * &lt;ns&gt;:table:{&lt;ns&gt;}:&lt;table&gt;   &lt;ns&gt;:tables:{&lt;ns&gt;}                a table's version, every table written
 * </pre>
 *
 * The braces are Redis Cluster hash tags: a cache's entries, locks, versions and generation share one slot, and so do
 * all table versions, so that one script or one {@code MGET} can reach each group together. {@code <ns>} is
 * {@code cache.namespace}.
 *
 * <p>The suffixes are constants so that the benchmarks, whose forks without the agent do not have its classes, get
 * them inlined by the compiler.
 */
public final class CacheKeys {
  public static final String LOCK_SUFFIX = ":lock";
  public static final String VERSION_SUFFIX = ":v";
  public static final String GENERATION_SUFFIX = "gen";

  private CacheKeys() {}

  /** {@code querylens:{recipes}:}: every key of one cache starts with this. */
  public static String cachePrefix(String namespace, String cacheName) {
    return namespace + ":{" + cacheName + "}:";
  }

  /**
   * {@code querylens:{recipes}:RecipeRepository.findAllAsDtos@1a2b3c4d:<shape>:}: every entry of one method, for one
   * return type's shape, starts with this.
   */
  public static String methodPrefix(String namespace, String cacheName, String method, String descriptor,
      String shape) {
    return cachePrefix(namespace, cacheName) + method + '@' + sha256(descriptor).substring(0, 8) + ':' + shape + ':';
  }

  /**
   * {@code <methodPrefix><arguments>}; past {@code maxLength} ({@code cache.max-key-length}),
   * {@code querylens:{recipes}:#<sha-256 of that>}, in the same slot.
   */
  public static String entryKey(String methodPrefix, String arguments, int maxLength) {
    String key = methodPrefix + arguments;
    if (key.length() <= maxLength) {
      return key;
    }
    int tagEnd = methodPrefix.indexOf("}:") + 2;
    return methodPrefix.substring(0, tagEnd) + '#' + sha256(key);
  }

  /** The entry's cross-JVM lock: held by the one JVM that computes the entry while the others wait. */
  public static String lockKey(String entryKey) {
    return entryKey + LOCK_SUFFIX;
  }

  /** The entry's own version, moved on by an eviction by arguments so that no fill in flight lands. */
  public static String versionKey(String entryKey) {
    return entryKey + VERSION_SUFFIX;
  }

  /** The cache's generation, moved on by an eviction of all its entries. */
  public static String generationKey(String namespace, String cacheName) {
    return cachePrefix(namespace, cacheName) + GENERATION_SUFFIX;
  }

  /** {@code <ns>:table:{<ns>}:}: a table's version key is this and the table's name (scripts append it). */
  public static String tableVersionPrefix(String namespace) {
    return namespace + ":table:{" + namespace + "}:";
  }

  public static String tableVersionKey(String namespace, String table) {
    return tableVersionPrefix(namespace) + table;
  }

  /** The set of every table ever written, so that a miss can read all their versions before knowing its own. */
  public static String tablesKey(String namespace) {
    return namespace + ":tables:{" + namespace + "}";
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
