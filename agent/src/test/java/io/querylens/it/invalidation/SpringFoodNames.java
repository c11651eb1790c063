package io.querylens.it.invalidation;

import io.querylens.annotations.Cached;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads through JdbcTemplate, which takes part in the thread's Spring transaction: inside one, it reads through the
 * transaction's connection, and so sees that transaction's own writes and its snapshot.
 */
public class SpringFoodNames implements FoodNames {
  static final String CACHE = "inv-spring";

  private final JdbcTemplate jdbc;
  private final AtomicInteger runs = new AtomicInteger();

  public SpringFoodNames(DataSource pool) {
    this.jdbc = new JdbcTemplate(pool);
  }

  @Override
  @Cached(name = CACHE)
  public List<String> names(String label) {
    runs.incrementAndGet();
    return jdbc.queryForList("select name from food order by id", String.class);
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
