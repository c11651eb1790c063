package io.querylens.benchmarks.cache;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.benchmarks.cache.SpringCache.Client;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.Jedis;

/**
 * The ways of answering the listing from Redis that {@link HitVsFloorBenchmark} and {@link HitVsSpringBenchmark}
 * compare. Every one reads the same JSON bytes ({@link Cookbook#json}), checked at set-up, from the same Redis.
 */
public enum HitPath implements CacheVariant {
  /**
   * The floor: one {@code GET} on a plain {@link Jedis} connection, then {@code ObjectMapper.readValue(bytes,
   * JavaType)} into {@code List<RecipeDto>}. No cache can answer with less.
   */
  FLOOR(false, "get") {
    @Override
    public Source open() {
      ObjectMapper mapper = new ObjectMapper();
      JavaType type = Cookbook.listType(mapper);
      byte[] key = bytes("bench:floor");
      Jedis jedis = BenchRedis.connect();
      jedis.set(key, Cookbook.json(mapper));
      return new Source() {
        @Override
        public Object call(long n) throws Exception {
          return mapper.readValue(jedis.get(key), type);
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
   * The floor of the agent's protocol: on the same plain connection as {@link #FLOOR}, the agent's own lookup script
   * ({@link #LOOKUP}, copied) by {@code EVALSHA} against an entry in the agent's format, then the decode from after
   * the header, in place. {@code FLOOR_LUA - FLOOR} is what the script costs over a {@code GET};
   * {@code QUERYLENS - FLOOR_LUA} is what the agent's Java side adds around the same round trip.
   */
  FLOOR_LUA(false, "evalsha") {
    @Override
    public Source open() {
      ObjectMapper mapper = new ObjectMapper();
      JavaType type = Cookbook.listType(mapper);
      String entry = "bench:{floor}:entry";
      List<byte[]> keys = List.of(bytes(entry), bytes(entry + ":lock"), bytes("bench:{floor}:gen"),
          bytes(entry + ":v"));
      List<byte[]> args = List.of(bytes(UUID.randomUUID().toString()), bytes("10000"));
      Jedis jedis = BenchRedis.connect();
      jedis.set(keys.get(0), withHeader(Cookbook.json(mapper)));
      byte[] sha = jedis.scriptLoad(bytes(LOOKUP));
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
   * What a hit could cost without a script: the same three keys as {@link #FLOOR_LUA} read by one {@code MGET} (one
   * command, atomic, one round trip, in one cluster slot thanks to the hash tag), the generation in the entry's
   * header compared with the current one on the client, then the same in-place decode. Not something the agent does;
   * the measure of a change suggested in {@code benchmarks/CACHE.md}.
   */
  FLOOR_MGET(false, "mget") {
    @Override
    public Source open() {
      ObjectMapper mapper = new ObjectMapper();
      JavaType type = Cookbook.listType(mapper);
      String entry = "bench:{floor}:entry";
      byte[][] keys = {bytes("bench:{floor}:gen"), bytes(entry + ":v"), bytes(entry)};
      Jedis jedis = BenchRedis.connect();
      jedis.set(keys[2], withHeader(Cookbook.json(mapper)));
      return new Source() {
        @Override
        public Object call(long n) throws Exception {
          List<byte[]> reply = jedis.mget(keys);
          byte[] generation = reply.get(0) == null ? ZERO : reply.get(0);
          byte[] value = reply.get(2);
          int end = indexOf(value, (byte) '\n');
          int g = lastIndexOf(value, (byte) '=', end) + 1;
          if (!Arrays.equals(value, g, end, generation, 0, generation.length)) {
            throw new IllegalStateException("the entry's generation is not the cache's");
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
  },

  /** A hit of {@code @Cached} {@link CachedRecipes#listing()} in a JVM with the agent, its entry filled at set-up. */
  QUERYLENS(true, "evalsha") {
    @Override
    public Source open() throws Exception {
      CachedRecipes recipes = new CachedRecipes();
      Jedis jedis = BenchRedis.connect();
      recipes.listing(); // the miss that fills the entry, written by the agent's background thread
      byte[] stored = awaitEntry(jedis, CachedRecipes.HIT_CACHE, "CachedRecipes.listing@");
      byte[] expected = withHeader(Cookbook.json(new ObjectMapper()));
      CacheVariant.require(Arrays.equals(stored, expected), "the agent stored other bytes than the floor reads:\n"
          + new String(stored, StandardCharsets.UTF_8) + "\ninstead of\n" + new String(expected, StandardCharsets.UTF_8));
      // Until the fill's thread has forgotten its flight, calls are served from that flight without Redis.
      Thread.sleep(100);
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
          jedis.close();
        }
      };
    }
  },

  /** A hit of Spring's {@code @Cacheable} {@link CacheableRecipes#listing()} on Lettuce, Spring Boot's default. */
  SPRING_LETTUCE(false, "get") {
    @Override
    public Source open() {
      return spring(Client.LETTUCE);
    }
  },

  /** The same on Jedis, Spring Data Redis's other client: what Spring costs apart from Lettuce's I/O thread. */
  SPRING_JEDIS(false, "get") {
    @Override
    public Source open() {
      return spring(Client.JEDIS);
    }
  };

  /** The agent's lookup script, as in {@code io.querylens.agent.cache.CacheEngine.LOOKUP}. */
  static final String LOOKUP = String.join("\n",
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

  private final boolean agent;
  private final String command;

  HitPath(boolean agent, String command) {
    this.agent = agent;
    this.command = command;
  }

  @Override
  public boolean agent() {
    return agent;
  }

  @Override
  public String command() {
    return command;
  }

  /** Every operation is one hit: one command. */
  @Override
  public int commandsPerCall() {
    return 1;
  }

  /** A hit never runs the method's body. */
  @Override
  public boolean runsBody() {
    return false;
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
  static byte[] awaitEntry(Jedis jedis, String cacheName, String marker) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      Set<String> keys = jedis.keys("querylens:{" + cacheName + "}:*").stream()
          .filter(key -> key.contains(marker) && !key.endsWith(":lock") && !key.endsWith(":v"))
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
  static byte[] withHeader(byte[] json) {
    byte[] header = bytes("QL1 q=0 g=0\n");
    byte[] entry = Arrays.copyOf(header, header.length + json.length + 1);
    System.arraycopy(json, 0, entry, header.length, json.length);
    entry[entry.length - 1] = '\n';
    return entry;
  }

  private static final byte[] ZERO = bytes("0");

  static int lastIndexOf(byte[] bytes, byte b, int before) {
    for (int i = before - 1; i >= 0; i--) {
      if (bytes[i] == b) {
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
