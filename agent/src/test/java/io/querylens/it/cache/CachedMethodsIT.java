package io.querylens.it.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.querylens.agent.cache.store.CacheKeys;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * {@code @Cached} through the packaged agent attached to this JVM, against a real redis-server. Each test uses
 * arguments of its own (the {@link #RUN} id), so tests never share entries.
 */
class CachedMethodsIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private final Kitchen kitchen = new Kitchen();

  @BeforeAll
  static void startRedis() throws Exception {
    TestRedis.startAndAwaitCaching();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    TestRedis.stop();
  }

  /** Fills are written off the caller's thread: wait (bounded) until the entries of a cache are in Redis. */
  static Set<String> awaitKeys(String cacheName, int atLeast) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    try (Jedis jedis = TestRedis.client()) {
      while (true) {
        Set<String> keys = jedis.keys(CacheKeys.cachePrefix("querylens", cacheName) + "*");
        keys.removeIf(key -> key.endsWith(CacheKeys.LOCK_SUFFIX) || key.endsWith(CacheKeys.VERSION_SUFFIX)
            || key.equals(CacheKeys.generationKey("querylens", cacheName)));
        if (keys.size() >= atLeast || System.currentTimeMillis() > deadline) {
          return keys;
        }
        Thread.sleep(10);
      }
    }
  }

  @Test
  void aListOfRecordsIsServedFromRedisAfterTheFirstCall() throws Exception {
    List<Recipe> first = kitchen.list("teriyaki " + RUN);
    awaitKeys("it-list", 1);
    List<Recipe> second = kitchen.list("teriyaki " + RUN);
    assertEquals(first, second);
    assertEquals(1, kitchen.runs("list"), "the second call was a hit");
    second.add(new Recipe(99, "mine", List.of())); // a decoded copy belongs to the caller
    assertEquals(3, kitchen.list("teriyaki " + RUN).size());
    kitchen.list("miso " + RUN);
    assertEquals(2, kitchen.runs("list"), "different arguments, different entry");
  }

  @Test
  void everyReturnShapeRoundTrips() throws Exception {
    String key = "shapes " + RUN;
    Optional<Recipe> found = kitchen.find(5);
    Map<String, List<Recipe>> map = kitchen.byTag(key);
    Recipe[] array = kitchen.array(key);
    int[] numbers = kitchen.numbers(key);
    long count = kitchen.count(key);
    for (String cache : List.of("it-optional", "it-map", "it-array", "it-ints", "it-long")) {
      assertFalse(awaitKeys(cache, 1).isEmpty(), cache);
    }
    assertEquals(found, kitchen.find(5));
    assertEquals(map, kitchen.byTag(key));
    assertEquals(new ArrayList<>(map.keySet()), new ArrayList<>(kitchen.byTag(key).keySet()), "order kept");
    assertArrayEquals(array, kitchen.array(key));
    assertArrayEquals(numbers, kitchen.numbers(key));
    assertEquals(count, kitchen.count(key));
    for (String method : List.of("find", "byTag", "array", "numbers", "count")) {
      assertEquals(1, kitchen.runs(method), method + " ran once");
    }
  }

  @Test
  void aStaticMethodTakingAndReturningPrimitivesIsCachedToo() throws Exception {
    int number = Math.abs(RUN.hashCode() % 1000) * 2;
    int before = Kitchen.EVEN_RUNS.get();
    assertEquals(true, Kitchen.isEven(number));
    awaitKeys("it-static", 1);
    assertEquals(true, Kitchen.isEven(number));
    assertEquals(false, Kitchen.isEven(number + 1));
    assertEquals(before + 2, Kitchen.EVEN_RUNS.get(), "the second call with the same argument was a hit");
  }

  @Test
  void absentResultsAreNotCachedUnlessAskedTo() throws Exception {
    assertNull(kitchen.nothing(RUN));
    assertNull(kitchen.nothing(RUN));
    assertEquals(2, kitchen.runs("nothing"));
    assertEquals(Optional.empty(), kitchen.find(-1));
    assertEquals(Optional.empty(), kitchen.find(-1));
    assertEquals(2, kitchen.runs("find"));

    assertEquals(Optional.empty(), kitchen.findCachingAbsence(1));
    awaitKeys("it-optional-nulls", 1);
    assertEquals(Optional.empty(), kitchen.findCachingAbsence(1));
    assertEquals(1, kitchen.runs("findCachingAbsence"), "cacheNulls = true stores the empty Optional");
  }

  @Test
  void entriesExpireAfterTheirTtl() throws Exception {
    kitchen.shortLived(RUN);
    awaitKeys("it-ttl", 1);
    kitchen.shortLived(RUN);
    assertEquals(1, kitchen.runs("shortLived"));
    try (Jedis jedis = TestRedis.client()) {
      for (String key : awaitKeys("it-ttl", 1)) {
        long ttl = jedis.pttl(key);
        assertTrue(ttl > 0 && ttl <= 400, "PX from @Cached(ttl = \"400ms\"): " + ttl);
      }
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (!awaitKeys("it-ttl", 0).isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    kitchen.shortLived(RUN);
    assertEquals(2, kitchen.runs("shortLived"), "expired, so the method ran again");
  }

  @Test
  void evictionClearsAllEntriesOrTheEntryForTheSameArguments() throws Exception {
    kitchen.list("evict a " + RUN);
    kitchen.list("evict b " + RUN);
    kitchen.find(1001);
    kitchen.find(1002);
    awaitKeys("it-optional", 2);
    awaitKeys("it-list", 2);
    kitchen.recipesChanged();
    kitchen.list("evict a " + RUN);
    kitchen.list("evict b " + RUN);
    assertEquals(4, kitchen.runs("list"), "every entry of it-list was evicted");

    kitchen.recipeChanged(1001);
    kitchen.find(1001);
    kitchen.find(1002);
    assertEquals(3, kitchen.runs("find"), "only the entry for 1001 was evicted");
  }

  /**
   * The race an eviction must win: a miss reads the old data, the write and its eviction happen while the method
   * still runs, then the method returns. Its result goes to its caller but must not be stored, or the old data would
   * be served for the whole TTL. Forced deterministically with latches.
   */
  @Test
  void aResultComputedBeforeAnEvictionIsNotStoredAfterIt() throws Exception {
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<String> slowMiss = reader.submit(() -> kitchen.racing(RUN));
      assertTrue(kitchen.racingEntered.await(10, TimeUnit.SECONDS));
      kitchen.raceWrite();
      kitchen.racingMayReturn.countDown();
      assertEquals("computed before the write, run 1", slowMiss.get(10, TimeUnit.SECONDS));
    } finally {
      reader.shutdownNow();
    }
    Thread.sleep(200); // let the background fill attempt land, if it were going to
    assertEquals("computed before the write, run 2", kitchen.racing(RUN), "the stale result was not stored");
    awaitKeys("it-race", 1);
    assertEquals("computed before the write, run 2", kitchen.racing(RUN), "the fresh one is");
    assertEquals(2, kitchen.runs("racing"));
  }

  @Test
  void selfInvocationIsCached() throws Exception {
    assertEquals("inner " + RUN, kitchen.viaSelf(RUN));
    awaitKeys("it-self", 1);
    assertEquals("inner " + RUN, kitchen.viaSelf(RUN));
    assertEquals(1, kitchen.runs("inner"));
  }

  @Test
  void anInterfaceMethodIsCachedInItsImplementationAndInAJdkProxy() throws Exception {
    CatalogImpl implementation = new CatalogImpl();
    assertEquals(List.of("impl" + RUN + "-a", "impl" + RUN + "-b"), implementation.names("impl" + RUN));
    awaitKeys("it-interface", 1);
    implementation.names("impl" + RUN);
    assertEquals(1, implementation.runs.get());

    AtomicInteger proxied = new AtomicInteger();
    Catalog proxy = (Catalog) Proxy.newProxyInstance(Catalog.class.getClassLoader(), new Class<?>[] {Catalog.class},
        (self, method, arguments) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(this, arguments);
          }
          proxied.incrementAndGet();
          return List.of("proxy-" + arguments[0]);
        });
    assertEquals(List.of("proxy-p" + RUN), proxy.names("p" + RUN));
    awaitKeys("it-interface", 2);
    assertEquals(List.of("proxy-p" + RUN), proxy.names("p" + RUN));
    assertEquals(1, proxied.get(), "the proxy's second call was a hit");
  }

  @Test
  void aMethodReturningObjectRunsEveryTimeWithoutTouchingRedis() throws Exception {
    assertEquals("object " + RUN, kitchen.anything("object " + RUN));
    assertEquals("object " + RUN, kitchen.anything("object " + RUN));
    assertEquals(2, kitchen.runs("anything"));
    try (Jedis jedis = TestRedis.client()) {
      assertEquals(Set.of(), jedis.keys(CacheKeys.cachePrefix("querylens", "it-object") + "*"),
          "no entry, no lock, no version was written");
    }
  }

  /**
   * Issue #9: a result that cannot be stored must not hold the cross-JVM lock (other JVMs would wait up to
   * cache.lock-wait for an entry nobody writes), and later calls bypass without asking Redis.
   */
  @Test
  void aResultThatCannotBeStoredReleasesItsLockAndLaterCallsBypass() throws Exception {
    String argument = "special " + RUN;
    assertEquals(Kitchen.SpecialDish.class, kitchen.special(argument).getClass(), "the caller gets the real value");
    try (Jedis jedis = TestRedis.client()) {
      String locks = CacheKeys.cachePrefix("querylens", "it-special") + "*" + CacheKeys.LOCK_SUFFIX;
      waitUntil(() -> jedis.keys(locks).isEmpty(), "the first call's lock is released");
      for (int i = 0; i < 3; i++) {
        assertEquals(Kitchen.SpecialDish.class, kitchen.special(argument).getClass());
      }
      assertEquals(4, kitchen.runs("special"), "nothing was stored, so every call ran");
      assertEquals(Set.of(), jedis.keys(locks), "later calls took no lock");
      assertTrue(jedis.keys(CacheKeys.cachePrefix("querylens", "it-special") + "*").stream()
              .noneMatch(key -> key.contains(argument)),
          "no entry was written");
    }
  }

  @Test
  void theApplicationsExceptionPassesThroughAndNothingIsCached() {
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> kitchen.failing(RUN));
    assertEquals("the application's own failure for " + RUN, thrown.getMessage());
    assertThrows(IllegalStateException.class, () -> kitchen.failing(RUN));
    assertEquals(2, kitchen.runs("failing"));
  }

  @Test
  void aCorruptOrIncompatibleEntryIsAMissAndIsOverwritten() throws Exception {
    kitchen.list("corrupt " + RUN);
    String key = awaitKeys("it-list", 1).stream().filter(k -> k.contains("corrupt " + RUN)).findFirst()
        .orElseThrow();
    // The fill thread forgets the key's in-JVM flight just after writing the entry: until then a call is served
    // from the flight, not from Redis, and would not see the entry this test is about to spoil.
    Thread.sleep(100);
    try (Jedis jedis = TestRedis.client()) {
      String generation = jedis.get(CacheKeys.generationKey("querylens", "it-list"));
      jedis.set(key, "QL2 q=0 g=" + (generation == null ? "0" : generation) + "\n{\"not\": \"a list\"}");
      assertEquals(3, kitchen.list("corrupt " + RUN).size());
      assertEquals(2, kitchen.runs("list"), "incompatible entry: a miss");
      waitUntil(() -> String.valueOf(jedis.get(key)).contains("corrupt " + RUN), "the entry was overwritten");
      Thread.sleep(100); // as above
      jedis.set(key.getBytes(StandardCharsets.UTF_8), new byte[] {0, 1, 2, (byte) 0xff});
      assertEquals(3, kitchen.list("corrupt " + RUN).size());
      assertEquals(3, kitchen.runs("list"), "garbage: a miss");
      // Garbage has no current generation in its header: the lookup deletes it, and the fill writes it anew.
      waitUntil(() -> String.valueOf(jedis.get(key)).contains("corrupt " + RUN), "the garbage was overwritten");
      Thread.sleep(100); // as above
      kitchen.list("corrupt " + RUN);
      assertEquals(3, kitchen.runs("list"), "and then a hit again");
    }
  }

  @Test
  void thirtyTwoThreadsMissingOneKeyRunTheMethodOnce() throws Exception {
    int threads = 32;
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(executor.submit(() -> {
          start.await();
          return kitchen.slow(RUN);
        }));
      }
      start.countDown();
      for (Future<String> result : results) {
        assertEquals("slow " + RUN, result.get(60, TimeUnit.SECONDS));
      }
    } finally {
      executor.shutdownNow();
    }
    assertEquals(1, kitchen.runs("slow"));
  }

  @Test
  void anotherJvmWithTheSameArgumentsFindsTheSameKey() throws Exception {
    String argument = "shared " + RUN;
    Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-javaagent:" + System.getProperty("querylens.it.agent.jar") + "=redis.url=redis://127.0.0.1:"
            + TestRedis.PORT + ",reports.dir=" + System.getProperty("querylens.it.reports.dir"),
        "-cp", System.getProperty("java.class.path"), FillFromAnotherJvm.class.getName(), argument)
        .redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(0, child.exitValue(), output);
    awaitKeys("it-list", 1);
    assertEquals(3, kitchen.list(argument).size());
    assertEquals(0, kitchen.runs("list"), "the entry the other JVM filled was a hit here: " + output);
  }

  /** Issue #3: across JVMs, the one computing holds a lock; the others wait for its entry instead of computing. */
  @Test
  void anotherJvmComputingTheEntryMakesThisOneWaitForIt() throws Exception {
    String argument = "slow-" + UUID.randomUUID();
    Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-javaagent:" + System.getProperty("querylens.it.agent.jar") + "=redis.url=redis://127.0.0.1:"
            + TestRedis.PORT + ",reports.dir=" + System.getProperty("querylens.it.reports.dir"),
        "-cp", System.getProperty("java.class.path"), ComputeSlowlyInAnotherJvm.class.getName(), argument, "1500")
        .redirectErrorStream(true).start();
    try (Jedis jedis = TestRedis.client()) {
      String lock = CacheKeys.cachePrefix("querylens", "it-slowly") + "*" + argument + "*" + CacheKeys.LOCK_SUFFIX;
      waitUntil(() -> jedis.keys(lock).size() == 1,
          "the other JVM holds the lock");
    }
    Kitchen kitchen = new Kitchen();
    String value = kitchen.slowly(argument);
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(0, kitchen.runs("slowly"), "this JVM waited for the other's entry: " + value + " / " + output);
    assertEquals(argument + " computed by " + child.pid(), value);
  }

  interface Check {
    boolean holds() throws Exception;
  }

  static void waitUntil(Check check, String what) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!check.holds()) {
      if (System.currentTimeMillis() > deadline) {
        fail("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }
}
