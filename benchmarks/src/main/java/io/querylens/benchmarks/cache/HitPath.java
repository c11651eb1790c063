package io.querylens.benchmarks.cache;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.benchmarks.cache.SpringCache.Client;
import io.querylens.agent.cache.store.CacheKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.JedisBinaryCommands;
import redis.clients.jedis.commands.JedisCommands;

/**
 * The ways of answering the listing from Redis that {@link HitVsFloorBenchmark}, {@link HitInvalidationBenchmark} and
 * {@link HitVsSpringBenchmark} compare. Every one reads the same JSON bytes ({@link Cookbook#json}), checked at set-up,
 * from the same Redis.
 */
public enum HitPath implements CacheVariant {
  /**
   * The floor: one {@code GET} on a plain {@link Jedis} connection, then {@code ObjectMapper.readValue(bytes,
   * JavaType)} into {@code List<RecipeDto>}. No cache can answer with less.
   */
  FLOOR(false, Map.of("get", 1)) {
    @Override
    public Source open() {
      return plainGet(BenchRedis.connect(), bytes("bench:floor"));
    }
  },

  /**
   * The <em>previous</em> design's hit, kept for comparison (the agent before commit "Invalidation engine", whose
   * numbers {@code benchmarks/CACHE.md} once published): on the floor's kind of connection, that agent's lookup
   * script ({@link #PREVIOUS_LOOKUP}, copied) by {@code EVALSHA} against an entry in that agent's format
   * ({@code QL1}), then the decode from after the header, in place. {@code PREVIOUS_LUA - FLOOR_MGET} is what
   * dropping the script from the hit gained; nothing in today's agent runs this script.
   */
  PREVIOUS_LUA(false, Map.of("evalsha", 1)) {
    @Override
    public Source open() {
      ObjectMapper mapper = new ObjectMapper();
      JavaType type = Cookbook.listType(mapper);
      String entry = "bench:{previous}:entry";
      List<byte[]> keys = List.of(bytes(entry), bytes(entry + CacheKeys.LOCK_SUFFIX),
          bytes("bench:{previous}:" + CacheKeys.GENERATION_SUFFIX), bytes(entry + CacheKeys.VERSION_SUFFIX));
      List<byte[]> args = List.of(bytes(UUID.randomUUID().toString()), bytes("10000"));
      Jedis jedis = BenchRedis.connect();
      jedis.set(keys.get(0), withHeader("QL1 q=0 g=0", Cookbook.json(mapper)));
      byte[] sha = jedis.scriptLoad(bytes(PREVIOUS_LOOKUP));
      return new Source() {
        @Override
        public Object call(long n) throws Exception {
          List<?> reply = (List<?>) jedis.evalsha(sha, keys, args);
          if (((Long) reply.get(0)) != 1L) {
            throw new IllegalStateException("the lookup script missed");
          }
          byte[] value = (byte[]) reply.get(1);
          int start = indexOf(value, (byte) '\n') + 1;
          return mapper.readValue(value, start, value.length - start, type);
        }

        @Override
        public long bodyRuns() {
          return 0;
        }

        @Override
        public void close() {
          jedis.close();
        }
      };
    }
  },

  /**
   * The agent's hit protocol by hand, on the floor's kind of connection: one {@code MGET} of the entry, its cache's
   * generation and the version of {@code *} (the keys the agent reads for {@link CachedRecipes#listing()}), the
   * generation and version in the entry's {@code QL2} header compared with them on the client, then the same decode,
   * in place. {@code FLOOR_MGET - FLOOR} is what the protocol costs in Redis over a {@code GET};
   * {@code QUERYLENS - FLOOR_MGET} is what the agent's Java side adds around the same round trip.
   */
  FLOOR_MGET(false, Map.of("mget", 1)) {
    @Override
    public Source open() {
      return byHand(List.of(), "bench:{floor}");
    }
  },

  /**
   * The same for an entry that depends on three tables ({@link #QUERYLENS_TABLES}'s): one {@code MGET} of six keys
   * (entry, generation, versions of {@code *}, {@code food}, {@code ingredient}, {@code recipe}), the header's
   * generation and four versions compared on the client, the same decode.
   */
  FLOOR_MGET_TABLES(false, Map.of("mget", 1)) {
    @Override
    public Source open() {
      return byHand(BenchDb.LISTING_TABLES, "bench:{floor-tables}");
    }
  },

  /**
   * A hit of {@code @Cached} {@link CachedRecipes#listing()} in a JVM with the agent, its entry filled at set-up. Its
   * body reads no table, so the entry depends on {@code *} alone: one {@code MGET} of three keys, no script.
   */
  QUERYLENS(true, Map.of("mget", 1, "evalsha", 0)) {
    @Override
    public Source open() throws Exception {
      CachedRecipes recipes = new CachedRecipes();
      try (Jedis jedis = BenchRedis.connect()) {
        return agentHit(jedis, recipes, recipes::listing, CachedRecipes.HIT_CACHE, "CachedRecipes.listing@",
            "t=*:0");
      }
    }
  },

  /**
   * A hit of {@code @Cached} {@link CachedRecipes#listingFromDb()}, automatic invalidation on: the entry, filled at
   * set-up by a body that ran one query over {@code recipe}, {@code ingredient} and {@code food}, depends on those
   * three tables and {@code *}. One {@code MGET} of six keys, four versions checked, no script.
   */
  QUERYLENS_TABLES(true, Map.of("mget", 1, "evalsha", 0)) {
    @Override
    public Source open() throws Exception {
      CachedRecipes recipes = new CachedRecipes();
      BenchDb.pool(); // the tables, created (and their versions bumped) before the fill reads them
      try (Jedis jedis = BenchRedis.connect()) {
        return agentHit(jedis, recipes, recipes::listingFromDb, CachedRecipes.TABLES_CACHE,
            "CachedRecipes.listingFromDb@", tablesField(jedis));
      }
    }
  },

  /**
   * The same method body under {@code @Cached(invalidateOnWrites = false)} ({@link
   * CachedRecipes#listingFromDbUntracked()}): the entry records no tables and a hit checks none.
   */
  QUERYLENS_UNTRACKED(true, Map.of("mget", 1, "evalsha", 0)) {
    @Override
    public Source open() throws Exception {
      CachedRecipes recipes = new CachedRecipes();
      BenchDb.pool();
      try (Jedis jedis = BenchRedis.connect()) {
        return agentHit(jedis, recipes, recipes::listingFromDbUntracked, CachedRecipes.UNTRACKED_CACHE,
            "CachedRecipes.listingFromDbUntracked@", null);
      }
    }
  },

  /** A hit of Spring's {@code @Cacheable} {@link CacheableRecipes#listing()} on Lettuce, Spring Boot's default. */
  SPRING_LETTUCE(false, Map.of("get", 1)) {
    @Override
    public Source open() {
      return spring(Client.LETTUCE);
    }
  },

  /** The same on Jedis, Spring Data Redis's other client: what Spring costs apart from Lettuce's I/O thread. */
  SPRING_JEDIS(false, Map.of("get", 1)) {
    @Override
    public Source open() {
      return spring(Client.JEDIS);
    }
  };

  /**
   * The previous agent's lookup script, as {@code io.querylens.agent.cache.CacheEngine.LOOKUP} was before commit
   * "Invalidation engine" (for {@link #PREVIOUS_LUA} only).
   */
  static final String PREVIOUS_LOOKUP = String.join("\n",
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

  /** The agent's default {@code cache.namespace}, which the benchmarks' agent runs with. */
  static final String AGENT_NAMESPACE = "querylens";

  private final boolean agent;
  private final Map<String, Integer> commands;

  HitPath(boolean agent, Map<String, Integer> commands) {
    this.agent = agent;
    this.commands = commands;
  }

  @Override
  public boolean agent() {
    return agent;
  }

  /** Every operation is one hit: one round trip, one command. */
  @Override
  public Map<String, Integer> commandsPerCall() {
    return commands;
  }

  /** A hit never runs the method's body. */
  @Override
  public boolean runsBody() {
    return false;
  }

  /**
   * The floor on {@code redis}, one server or a cluster: the listing's JSON stored under {@code key}, then each call
   * one {@code GET} of it and {@code ObjectMapper.readValue(bytes, JavaType)} into {@code List<RecipeDto>}.
   */
  static <R extends JedisBinaryCommands & AutoCloseable> Source plainGet(R redis, byte[] key) {
    ObjectMapper mapper = new ObjectMapper();
    JavaType type = Cookbook.listType(mapper);
    redis.set(key, Cookbook.json(mapper));
    return new Source() {
      @Override
      public Object call(long n) throws Exception {
        return mapper.readValue(redis.get(key), type);
      }

      @Override
      public long bodyRuns() {
        return 0;
      }

      @Override
      public void close() throws Exception {
        redis.close();
      }
    };
  }

  /**
   * {@link #FLOOR_MGET} and {@link #FLOOR_MGET_TABLES}: an entry in the agent's format under {@code prefix}, depending
   * on {@code *} and {@code tables}, whose versions are set to small numbers as an application's would be.
   */
  private static Source byHand(List<String> tables, String prefix) {
    ObjectMapper mapper = new ObjectMapper();
    JavaType type = Cookbook.listType(mapper);
    String versionPrefix = "bench:table:{bench}:";
    Jedis jedis = BenchRedis.connect();
    byte[][] keys = new byte[3 + tables.size()][];
    keys[0] = bytes(prefix + ":entry");
    keys[1] = bytes(prefix + ":" + CacheKeys.GENERATION_SUFFIX);
    keys[2] = bytes(versionPrefix + "*");
    StringBuilder header = new StringBuilder("QL2 q=0 g=0@" + FLOOR_RUN + " t=*:0");
    for (int t = 0; t < tables.size(); t++) {
      keys[3 + t] = bytes(versionPrefix + tables.get(t));
      jedis.set(keys[3 + t], bytes(Integer.toString(t + 2)));
      header.append(',').append(tables.get(t)).append(':').append(t + 2);
    }
    jedis.set(keys[0], withHeader(header.toString(), Cookbook.json(mapper)));
    return new Source() {
      @Override
      public Object call(long n) throws Exception {
        List<byte[]> reply = jedis.mget(keys);
        byte[] value = reply.get(0);
        int end = indexOf(value, (byte) '\n');
        if (!current(value, end, reply)) {
          throw new IllegalStateException("the entry's generation or versions are not current");
        }
        return mapper.readValue(value, end + 1, value.length - end - 1, type);
      }

      @Override
      public long bodyRuns() {
        return 0;
      }

      @Override
      public void close() {
        jedis.close();
      }
    };
  }

  /**
   * Whether the header {@code QL2 q=<n> g=<gen> t=<table>:<version>,...} of {@code entry} (up to {@code end}) names
   * the generation {@code reply[1]} and, in order, the versions {@code reply[2..]} (absent counts as 0). Byte by byte,
   * no allocation: the least a client can do.
   */
  static boolean current(byte[] entry, int end, List<byte[]> reply) {
    int g = indexOf(entry, G, 0, end) + G.length;
    int gEnd = indexOf(entry, SPACE_T, g, end);
    int generationEnd = gEnd < 0 ? end : gEnd;
    // The agent's generation is <counter>@<run>; the run of the connection is known without a round trip.
    int at = indexOf(entry, AT, g, generationEnd);
    if (at >= 0 && !Arrays.equals(entry, at + 1, generationEnd, FLOOR_RUN_BYTES, 0, FLOOR_RUN_BYTES.length)) {
      return false;
    }
    if (!same(entry, g, at >= 0 ? at : generationEnd, reply.get(1))) {
      return false;
    }
    if (gEnd < 0) {
      return true;
    }
    at = gEnd + SPACE_T.length;
    for (int k = 2; at < end; k++) {
      int colon = at;
      while (entry[colon] != ':') {
        colon++;
      }
      int comma = colon;
      while (comma < end && entry[comma] != ',') {
        comma++;
      }
      if (k >= reply.size() || !same(entry, colon + 1, comma, reply.get(k))) {
        return false;
      }
      at = comma + 1;
    }
    return true;
  }

  /**
   * The server run the by-hand floors record in their entries, as the agent records the run of the connection that
   * read the generation: the floors compare it with a constant, the agent with what it learnt once per connection.
   */
  static final String FLOOR_RUN = "0123456789abcdef";
  private static final byte[] FLOOR_RUN_BYTES = bytes(FLOOR_RUN);
  private static final byte[] AT = bytes("@");
  private static final byte[] G = bytes(" g=");
  private static final byte[] SPACE_T = bytes(" t=");

  private static boolean same(byte[] entry, int from, int to, byte[] value) {
    byte[] expected = value == null ? ZERO : value;
    return Arrays.equals(entry, from, to, expected, 0, expected.length);
  }

  /**
   * {@code t=*:0,food:<v>,ingredient:<v>,recipe:<v>} with the agent's current versions of the listing's tables, read
   * on one Redis or a cluster.
   */
  static String tablesField(JedisCommands redis) {
    StringBuilder field = new StringBuilder("t=*:0");
    for (String table : BenchDb.LISTING_TABLES) {
      String versionKey = CacheKeys.tableVersionKey(AGENT_NAMESPACE, table);
      String version = redis.get(versionKey);
      CacheVariant.require(version != null, "creating and seeding " + table + " bumped no version in Redis ("
          + versionKey + " is absent): is automatic invalidation on in the agent?");
      field.append(',').append(table).append(':').append(version);
    }
    return field.toString();
  }

  /**
   * A hit of an agent-cached method: calls it once (the miss that fills the entry, written by the agent's background
   * thread), checks the stored bytes are the agent's header {@code QL2 q=0 g=0[ <tables>]} and the floor's JSON, and
   * returns a source whose every call is a hit. {@code redis} reads the agent's Redis (one server or a cluster).
   */
  static <R extends JedisCommands & JedisBinaryCommands> Source agentHit(R redis, CachedRecipes recipes,
      Supplier<List<RecipeDto>> method, String cacheName, String marker, String tables) throws InterruptedException {
    method.get();
    // The agent's generation carries the run of the Redis server it was read from: not part of the comparison.
    byte[] stored = bytes(new String(awaitEntry(redis, cacheName, marker), StandardCharsets.UTF_8)
        .replaceFirst("^(QL2 q=0 g=\\d+)@[0-9a-f]{16}", "$1"));
    byte[] expected = withHeader("QL2 q=0 g=0" + (tables == null ? "" : " " + tables),
        Cookbook.json(new ObjectMapper()));
    CacheVariant.require(Arrays.equals(stored, expected), "the agent stored other bytes than the floor reads:\n"
        + new String(stored, StandardCharsets.UTF_8) + "\ninstead of\n"
        + new String(expected, StandardCharsets.UTF_8));
    // Until the fill's thread has forgotten its flight, calls are served from that flight without Redis.
    Thread.sleep(100);
    return new Source() {
      @Override
      public Object call(long n) {
        return method.get();
      }

      @Override
      public long bodyRuns() {
        return recipes.bodyRuns();
      }

      @Override
      public void close() {}
    };
  }

  private static Source spring(Client client) {
    ConfigurableApplicationContext context = SpringCache.start(client, BenchRedis.port());
    CacheableRecipes recipes = context.getBean(CacheableRecipes.class);
    recipes.listing(); // the miss that stores the entry
    try (Jedis jedis = BenchRedis.connect()) {
      byte[] key = bytes(CacheableRecipes.CACHE + "::SimpleKey []");
      byte[] stored = jedis.get(key);
      for (int wait = 0; stored == null && wait < 100; wait++) {
        sleep(10); // Lettuce's write may land after the call has returned
        stored = jedis.get(key);
      }
      byte[] expected = Cookbook.json(new ObjectMapper());
      CacheVariant.require(Arrays.equals(stored, expected), "Spring stored other bytes than the floor reads:\n"
          + (stored == null ? "nothing; keys: " + jedis.keys("*") : new String(stored, StandardCharsets.UTF_8)));
    }
    return new Source() {
      @Override
      public Object call(long n) {
        return recipes.listing();
      }

      @Override
      public long bodyRuns() {
        return recipes.bodyRuns();
      }

      @Override
      public void close() {
        context.close();
      }
    };
  }

  /**
   * Waits for the agent's background fill of the one entry whose key contains {@code marker}.
   *
   * @return the stored entry
   */
  static <R extends JedisCommands & JedisBinaryCommands> byte[] awaitEntry(R jedis, String cacheName, String marker)
      throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      Set<String> keys = jedis.keys(CacheKeys.cachePrefix(AGENT_NAMESPACE, cacheName) + "*").stream()
          .filter(key -> key.contains(marker) && !key.endsWith(CacheKeys.LOCK_SUFFIX)
              && !key.endsWith(CacheKeys.VERSION_SUFFIX))
          .collect(Collectors.toSet());
      CacheVariant.require(keys.size() <= 1, "several entries for one key: " + keys);
      if (keys.size() == 1) {
        return jedis.get(bytes(keys.iterator().next()));
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("the agent stored no entry for " + marker + " within 10 s: is it connected to"
        + " the runner's Redis (redis.url), and is the cache enabled? See the fork's output above.");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The entry as the agent stores it: a header line, the JSON, a newline. */
  static byte[] withHeader(String header, byte[] json) {
    byte[] head = bytes(header + "\n");
    byte[] entry = Arrays.copyOf(head, head.length + json.length + 1);
    System.arraycopy(json, 0, entry, head.length, json.length);
    entry[entry.length - 1] = '\n';
    return entry;
  }

  private static final byte[] ZERO = bytes("0");

  /** The first {@code part} in {@code bytes[from, to)}, or -1. */
  static int indexOf(byte[] bytes, byte[] part, int from, int to) {
    for (int i = from; i + part.length <= to; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    return -1;
  }

  static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
