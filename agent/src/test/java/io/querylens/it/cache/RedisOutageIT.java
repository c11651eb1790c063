package io.querylens.it.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped in the middle of a run: every call still returns the method's own value, none hangs, and caching
 * resumes by itself once Redis is back.
 */
class RedisOutageIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  /** The agent's redis.timeout (250 ms) plus generous slack for a loaded 2-core machine: "no hang", not speed. */
  private static final long NO_HANG_MILLIS = 3_000;

  @AfterAll
  static void stopRedis() throws Exception {
    TestRedis.stop();
  }

  @Test
  void callsStayCorrectWhileRedisIsDownAndCachingResumesWhenItIsBack() throws Exception {
    Kitchen kitchen = new Kitchen();
    TestRedis.start();
    kitchen.list("outage " + RUN);
    CachedMethodsIT.awaitKeys("it-list", 1);
    kitchen.list("outage " + RUN);
    assertEquals(1, kitchen.runs("list"), "cached before the outage");

    TestRedis.stop();
    for (int i = 0; i < 50; i++) {
      long start = System.nanoTime();
      List<Recipe> recipes = kitchen.list("outage " + RUN);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(3, recipes.size());
      assertEquals("outage " + RUN + " 1", recipes.get(0).name());
      assertTrue(millis < NO_HANG_MILLIS, "call " + i + " took " + millis + " ms with Redis down");
    }
    assertEquals(51, kitchen.runs("list"), "with Redis down the method simply runs");

    TestRedis.start();
    long deadline = System.currentTimeMillis() + 20_000;
    int before;
    do {
      before = kitchen.runs("list");
      kitchen.list("outage " + RUN);
      kitchen.list("outage " + RUN);
      Thread.sleep(100);
    } while (kitchen.runs("list") - before == 2 && System.currentTimeMillis() < deadline);
    assertTrue(kitchen.runs("list") - before < 2, "hits came back after Redis restarted");
  }
}
