package io.querylens.it.invalidation;

import static io.querylens.it.invalidation.FoodDatabase.SEED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.querylens.it.cache.TestRedis;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** A cached method that reads through another cached method goes stale with the tables the inner one read. */
class NestedCachedMethodsIT {
  private static final List<String> SHOUTED_SEED = shout(SEED);
  private static final List<String> SHOUTED_RENAMED = shout(FoodWrites.RENAMED);
  private static FoodDatabase database;

  @BeforeAll
  static void start() throws Exception {
    TestRedis.startAndAwaitCaching();
    database = FoodDatabase.create("nested_cached_methods");
  }

  @AfterAll
  static void stop() throws Exception {
    database.close();
    TestRedis.stop();
  }

  @BeforeEach
  void seed() throws Exception {
    database.reset();
  }

  @Test
  void whenTheInnerCallMissedWhileTheOuterFilled() throws Exception {
    FoodNames inner = new PlainJdbcFoodNames(database.dataSource());
    FoodNames outer = new ShoutedFoodNames(inner);
    String label = Labels.next();
    CacheEntries.fillAndCheckServed(outer, label, SHOUTED_SEED);
    assertEquals(1, inner.runs());

    renameMirin();

    assertEquals(SHOUTED_RENAMED, outer.names(label));
    assertEquals(2, outer.runs());
  }

  @Test
  void whenTheInnerCallWasAHitWhileTheOuterFilled() throws Exception {
    FoodNames inner = new PlainJdbcFoodNames(database.dataSource());
    FoodNames outer = new ShoutedFoodNames(inner);
    String label = Labels.next();
    CacheEntries.fillAndCheckServed(inner, label, SEED);
    CacheEntries.fillAndCheckServed(outer, label, SHOUTED_SEED);
    assertEquals(1, inner.runs(), "the outer method's fill was served by the inner entry");

    renameMirin();

    assertEquals(SHOUTED_RENAMED, outer.names(label));
    assertEquals(2, outer.runs());
  }

  private static void renameMirin() {
    new JdbcTemplate(database.dataSource()).update("update food set name = ? where id = ?", "hon mirin", 2);
  }

  private static List<String> shout(List<String> names) {
    return names.stream().map(name -> name.toUpperCase(Locale.ROOT)).toList();
  }
}
