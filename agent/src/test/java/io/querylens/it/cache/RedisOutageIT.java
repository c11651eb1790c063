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
    TestRedis.startAndAwaitCaching();
    awaitHits(kitchen, "outage " + RUN);
    int runsBeforeOutage = kitchen.runs("list");

    TestRedis.stop();
    for (int i = 0; i < 50; i++) {
      long start = System.nanoTime();
      List<Recipe> recipes = kitchen.list("outage " + RUN);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(3, recipes.size());
      assertEquals("outage " + RUN + " 1", recipes.get(0).name());
      assertTrue(millis < NO_HANG_MILLIS, "call " + i + " took " + millis + " ms with Redis down");
    }
    // Calls that overlap a run that just finished share its result in memory; the others run the method.
    assertTrue(kitchen.runs("list") > runsBeforeOutage, "with Redis down the method runs");

    TestRedis.start();
    awaitHits(kitchen, "outage " + RUN);
  }

  /**
   * Calls until a call is a hit (the method body did not run), for at most the breaker's longest back-off (30 s)
   * plus slack: after an outage caching resumes by itself, once a probe finds Redis back.
   */
  private static void awaitHits(Kitchen kitchen, String argument) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 45_000;
    while (System.currentTimeMillis() < deadline) {
      int before = kitchen.runs("list");
      kitchen.list(argument);
      if (kitchen.runs("list") == before) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no cache hit within 45 s of Redis being up");
  }
}
