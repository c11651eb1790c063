package io.querylens.it.cache;

import io.querylens.annotations.CacheEvict;
import io.querylens.annotations.Cached;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** @Cached methods of every return shape, each counting how often its body really ran. */
public class Kitchen {
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

  public int runs(String method) {
    return runs.computeIfAbsent(method, name -> new AtomicInteger()).get();
  }

  private void ran(String method) {
    runs.computeIfAbsent(method, name -> new AtomicInteger()).incrementAndGet();
  }

  /** How long {@link #slowly} takes in this JVM: not an argument, which would make each JVM's key its own. */
  public static volatile long slowMillis;

  /** Takes {@link #slowMillis} to compute, and says which JVM computed it. */
  @Cached(name = "it-slowly")
  public String slowly(String key) throws InterruptedException {
    ran("slowly");
    Thread.sleep(slowMillis);
    return key + " computed by " + ProcessHandle.current().pid();
  }

  /** Names no class a cached value could be decoded into: never served, said once when Kitchen loads. */
  @Cached(name = "it-object")
  public Object anything(String key) {
    ran("anything");
    return key;
  }

  /** A plain class, returned as a subclass: a value the cache cannot store without losing what it is. */
  public static class Dish {
    String name;
  }

  public static class SpecialDish extends Dish {
    String secret = "truffle";
  }

  @Cached(name = "it-special")
  public Dish special(String key) {
    ran("special");
    SpecialDish dish = new SpecialDish();
    dish.name = key;
    return dish;
  }

  @Cached(name = "it-list")
  public List<Recipe> list(String prefix) {
    ran("list");
    List<Recipe> recipes = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      recipes.add(new Recipe(i, prefix + " " + i, List.of("tag" + i, "sauce")));
    }
    return recipes;
  }

  @Cached(name = "it-optional")
  public Optional<Recipe> find(int id) {
    ran("find");
    return id < 0 ? Optional.empty() : Optional.of(new Recipe(id, "recipe " + id, List.of()));
  }

  @Cached(name = "it-optional-nulls", cacheNulls = true)
  public Optional<Recipe> findCachingAbsence(int id) {
    ran("findCachingAbsence");
    return Optional.empty();
  }

  @Cached(name = "it-null")
  public Recipe nothing(String key) {
    ran("nothing");
    return null;
  }

  @Cached(name = "it-map")
  public Map<String, List<Recipe>> byTag(String key) {
    ran("byTag");
    Map<String, List<Recipe>> map = new LinkedHashMap<>();
    map.put("sauce", List.of(new Recipe(1, "teriyaki", List.of("sweet")), new Recipe(2, "miso", List.of())));
    map.put("empty", List.of());
    return map;
  }

  @Cached(name = "it-array")
  public Recipe[] array(String key) {
    ran("array");
    return new Recipe[] {new Recipe(7, "seven", List.of("x"))};
  }

  @Cached(name = "it-ints")
  public int[] numbers(String key) {
    ran("numbers");
    return new int[] {3, 1, 4, 1, 5};
  }

  @Cached(name = "it-long")
  public long count(String key) {
    ran("count");
    return 42L;
  }

  /** How often {@link #isEven} really ran: a static method has no instance to count on. */
  public static final AtomicInteger EVEN_RUNS = new AtomicInteger();

  @Cached(name = "it-static")
  public static boolean isEven(int number) {
    EVEN_RUNS.incrementAndGet();
    return number % 2 == 0;
  }

  @Cached(name = "it-ttl", ttl = "400ms")
  public String shortLived(String key) {
    ran("shortLived");
    return "value of " + key;
  }

  /** Calls its own @Cached method: proxy-based caching misses this, the agent must not. */
  public String viaSelf(String key) {
    return inner(key);
  }

  @Cached(name = "it-self")
  public String inner(String key) {
    ran("inner");
    return "inner " + key;
  }

  @Cached(name = "it-slow")
  public String slow(String key) throws InterruptedException {
    ran("slow");
    Thread.sleep(300);
    return "slow " + key;
  }

  @Cached(name = "it-throws")
  public String failing(String key) {
    ran("failing");
    throw new IllegalStateException("the application's own failure for " + key);
  }

  /** Lets a test hold a call inside its method body while something else happens. */
  public final java.util.concurrent.CountDownLatch racingEntered = new java.util.concurrent.CountDownLatch(1);
  public final java.util.concurrent.CountDownLatch racingMayReturn = new java.util.concurrent.CountDownLatch(1);

  @Cached(name = "it-race")
  public String racing(String key) throws InterruptedException {
    ran("racing");
    racingEntered.countDown();
    racingMayReturn.await();
    return "computed before the write, run " + runs("racing");
  }

  @CacheEvict("it-race")
  public void raceWrite() {
    ran("raceWrite");
  }

  @CacheEvict("it-list")
  public void recipesChanged() {
    ran("recipesChanged");
  }

  @CacheEvict(value = "it-optional", allEntries = false)
  public void recipeChanged(int id) {
    ran("recipeChanged");
  }
}
