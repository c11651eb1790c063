package io.querylens.agent.cache.store;

/**
 * The Lua scripts the cache runs, each beside what its {@code KEYS} and {@code ARGV} are ({@link CacheKeys} builds the
 * keys). They are compile-time constants so that the benchmarks, which replay them by hand in forks that do not have
 * the agent's classes, get the very same text inlined by the compiler rather than a copy to keep in step.
 */
public final class CacheScripts {
  /**
   * KEYS: lock, cache generation, entry version[, set of tables]. ARGV: lock token ('' for none), lock TTL[, table
   * version key prefix]. Returns {generation, entry version, "locked" | "busy" | "", table, version, ...}.
   */
  public static final String MISS =
      "local r = {redis.call('GET', KEYS[2]) or '0', redis.call('GET', KEYS[3]) or '0', ''}\n"
      + "if ARGV[1] ~= '' then\n"
      + "  if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then r[3] = 'locked' else r[3] = 'busy' end\n"
      + "end\n"
      + "if KEYS[4] then\n"
      + "for _, t in ipairs(redis.call('SMEMBERS', KEYS[4])) do\n"
      + "  r[#r + 1] = t\n"
      + "  r[#r + 1] = redis.call('GET', ARGV[3] .. t) or '0'\n"
      + "end\n"
      + "end\n"
      + "return r";

  /**
   * KEYS: entry, lock, cache generation, entry version. ARGV: entry ('' for none), TTL, lock token ('' for none),
   * generation and version seen by the lookup. Stores the entry only if neither changed: a result computed before
   * an eviction is not stored after it. Then releases the lock if this caller still holds it.
   */
  public static final String FILL = "if ARGV[1] ~= '' and (redis.call('GET', KEYS[3]) or '0') == ARGV[4]\n"
      + "    and (redis.call('GET', KEYS[4]) or '0') == ARGV[5] then\n"
      + "  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])\n"
      + "end\n"
      + "if ARGV[3] ~= '' and redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end\n"
      + "return 1";

  /** KEYS: entry, entry version. Deletes the entry and moves its version on, so that no fill in flight lands. */
  public static final String EVICT_ENTRY = "redis.call('DEL', KEYS[1])\n"
      + "redis.call('INCR', KEYS[2])\n"
      + "redis.call('PEXPIRE', KEYS[2], ARGV[1])\n"
      + "return 1";

  /** KEYS: the cache's generation. Every entry of the cache becomes a miss. */
  public static final String EVICT_ALL = "return redis.call('INCR', KEYS[1])";

  /** KEYS: the set of tables. ARGV: the version key prefix, then the tables written. One INCR per table. */
  public static final String BUMP = "for i = 2, #ARGV do\n"
      + "  redis.call('INCR', ARGV[1] .. ARGV[i])\n"
      + "  redis.call('SADD', KEYS[1], ARGV[i])\n"
      + "end\n"
      + "return #ARGV - 1";

  /** KEYS: the set of tables. ARGV: the version key prefix. Returns {table, version, ...} for every table. */
  public static final String READ_ALL_VERSIONS = "local r = {}\n"
      + "for _, t in ipairs(redis.call('SMEMBERS', KEYS[1])) do\n"
      + "  r[#r + 1] = t\n"
      + "  r[#r + 1] = redis.call('GET', ARGV[1] .. t) or '0'\n"
      + "end\n"
      + "return r";

  private CacheScripts() {}
}
