package io.querylens.it.invalidation;

import io.querylens.annotations.Cached;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the names, then waits inside its body until the test lets it return: the test forces a write to land
 * between a miss's read and its fill. Only its first run pauses; later runs return at once.
 */
public class PausingFoodNames implements FoodNames {
  static final String CACHE = "inv-pausing";

  private final JdbcTemplate jdbc;
  private final AtomicInteger runs = new AtomicInteger();
  private final CountDownLatch hasRead = new CountDownLatch(1);
  private final CountDownLatch mayReturn = new CountDownLatch(1);

  public PausingFoodNames(DataSource pool) {
    this.jdbc = new JdbcTemplate(pool);
  }

  @Override
  @Cached(name = CACHE)
  public List<String> names(String label) {
    boolean first = runs.incrementAndGet() == 1;
    List<String> names = jdbc.queryForList("select name from food order by id", String.class);
    if (first) {
      hasRead.countDown();
      awaitOrFail(mayReturn);
    }
    return names;
  }

  /** Returns once the first run has read its rows (and is now paused). */
  public void awaitRead() throws InterruptedException {
    if (!hasRead.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the cached method never ran its query");
    }
  }

  public void letReturn() {
    mayReturn.countDown();
  }

  private static void awaitOrFail(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the test never let the cached method return");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public int runs() {
    return runs.get();
  }

  @Override
  public String cacheName() {
    return CACHE;
  }
}
