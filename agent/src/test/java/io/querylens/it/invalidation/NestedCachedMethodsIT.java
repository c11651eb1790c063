package io.querylens.it.invalidation;

import static io.querylens.it.invalidation.FoodDatabase.SEED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cached method that reads through another cached method goes stale with the tables the inner one read. */
class NestedCachedMethodsIT {
  private static final List<String> SHOUTED_SEED = shout(SEED);
  private static final List<String> SHOUTED_RENAMED = shout(FoodWrites.RENAMED);

  @RegisterExtension
  static final SeededFoodDatabase food = new SeededFoodDatabase("nested_cached_methods");

  @Test
  void whenTheInnerCallMissedWhileTheOuterFilled() throws Exception {
    FoodNames inner = new PlainJdbcFoodNames(food.dataSource());
    FoodNames outer = new ShoutedFoodNames(inner);
    String label = Labels.next();
    CacheEntries.fillAndCheckServed(outer, label, SHOUTED_SEED);
    assertEquals(1, inner.runs());

    food.renameMirin();

    assertEquals(SHOUTED_RENAMED, outer.names(label));
    assertEquals(2, outer.runs());
  }

  @Test
  void whenTheInnerCallWasAHitWhileTheOuterFilled() throws Exception {
    FoodNames inner = new PlainJdbcFoodNames(food.dataSource());
    FoodNames outer = new ShoutedFoodNames(inner);
    String label = Labels.next();
    CacheEntries.fillAndCheckServed(inner, label, SEED);
    CacheEntries.fillAndCheckServed(outer, label, SHOUTED_SEED);
    assertEquals(1, inner.runs(), "the outer method's fill was served by the inner entry");

    food.renameMirin();

    assertEquals(SHOUTED_RENAMED, outer.names(label));
    assertEquals(2, outer.runs());
  }

  private static List<String> shout(List<String> names) {
    return names.stream().map(name -> name.toUpperCase(Locale.ROOT)).toList();
  }
}
