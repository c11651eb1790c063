package io.querylens.agent.cache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.agent.invalidation.TableVersions;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

/** The one line per change of Redis's usability, against a real redis-server that is stopped and started again. */
class RedisHealthTest {
  private static final Duration TIMEOUT = Duration.ofMillis(250);
  private final List<String> lines = new CopyOnWriteArrayList<>();

  @Test
  void theStartUpCheckNamesTheServerOrTheExactReason() throws Exception {
    try (RedisProcess redis = RedisProcess.launch("requirepass the-right-one");
        RedisCacheStore right = connect("redis://:the-right-one@127.0.0.1:" + redis.port());
        RedisCacheStore wrong = connect("redis://:s3cret@127.0.0.1:" + redis.port())) {
      right.health().answered(right.serverInfo());
      assertTrue(lines.get(0).matches("INFO QueryLens: Redis redis://127.0.0.1:\\d+ answers: Redis 6\\.[\\d.]+, "
          + "standalone"), lines::toString);

      StoreUnavailableException refused = StoreCalls.failure(wrong::serverInfo);
      wrong.health().unusableAtStart(refused, "key redis.url");
      assertTrue(lines.get(1).startsWith("WARN QueryLens: Redis redis://127.0.0.1:" + redis.port()
          + " cannot be used: auth failed: WRONGPASS"), lines::toString);
      assertTrue(lines.get(1).contains("(key redis.url)"), lines::toString);
      assertFalse(String.join("\n", lines).contains("s3cret"), lines::toString);
    }
  }

  @Test
  void anOutageIsOneWarnAndItsEndOneInfoWithWhatWasOwed() throws Exception {
    RedisProcess redis = RedisProcess.launch();
    try (RedisCacheStore store = connect(redis.url())) {
      TableVersions versions = new TableVersions(store, "health");
      StoreCommands.get(store, bytes("k"));
      redis.stop();
      for (int call = 0; call < 10; call++) {
        StoreCalls.failure(() -> StoreCommands.get(store, bytes("k")));
        store.health().ranUncached();
      }
      assertFalse(versions.bump(Set.of("food")));
      assertEquals(1, lines.size(), lines::toString);
      assertTrue(lines.get(0).startsWith("WARN QueryLens: Redis " + redis.url() + " is unusable: connection refused"),
          lines::toString);
      assertTrue(versions.owedBecause().contains("connection refused"), versions.owedBecause());

      redis.start();
      Await.until(Duration.ofSeconds(20), "the owed bump is delivered once Redis is back", versions::settleOwed);
      assertEquals(2, lines.size(), lines::toString);
      assertTrue(lines.get(1).matches("INFO QueryLens: Redis " + redis.url() + " is back after \\d+\\.\\d s; "
          + "\\d+ @Cached calls ran uncached meanwhile; 1 table-version bump was owed, 1 delivered"), lines::toString);
      assertFalse(String.join("\n", lines).contains("\tat "));
    } finally {
      redis.close();
    }
  }

  @Test
  void aRestartIsSaidOnceWhenTheNewRunIsFirstSeen() throws Exception {
    RedisProcess redis = RedisProcess.launch();
    try (RedisCacheStore store = connect(redis.url())) {
      List<byte[]> key = List.of(bytes("k"));
      String before = store.mget(key).run();
      assertEquals(before, store.mget(key).run(), "one run while the server runs");
      redis.stop();
      redis.start();
      Await.until(Duration.ofSeconds(20), "Redis answers after its restart", () -> {
        try {
          return !before.equals(store.mget(key).run());
        } catch (StoreUnavailableException connectionFromBefore) {
          return false;
        }
      });
      store.mget(key);
      List<String> restarts = lines.stream().filter(line -> line.contains("restarted or failed over")).toList();
      assertEquals(List.of("INFO QueryLens: Redis " + redis.url() + " restarted or failed over (a new server run); "
          + "entries cached before are refilled, never served, since its data may have gone back in time"),
          restarts, lines::toString);
    } finally {
      redis.close();
    }
  }

  private RedisCacheStore connect(String url) {
    return RedisCacheStore.connect(new RedisSettings(url, List.of(), TIMEOUT, TIMEOUT, 4, 3, Duration.ofMillis(200)),
        capturing());
  }

  /** A logger that keeps "LEVEL message" for warn and info. */
  private Logger capturing() {
    return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
        (proxy, method, arguments) -> {
          String name = method.getName();
          if ((name.equals("warn") || name.equals("info")) && arguments.length > 0
              && arguments[0] instanceof String) {
            Object[] rest = Arrays.copyOfRange(arguments, 1, arguments.length);
            if (rest.length == 1 && rest[0] instanceof Object[]) {
              rest = (Object[]) rest[0];
            }
            lines.add(name.toUpperCase() + " " + MessageFormatter.arrayFormat((String) arguments[0], rest)
                .getMessage());
          }
          Class<?> type = method.getReturnType();
          return type == boolean.class ? Boolean.TRUE : type == String.class ? "test" : null;
        });
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
