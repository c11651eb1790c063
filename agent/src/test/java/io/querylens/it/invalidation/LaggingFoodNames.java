package io.querylens.it.invalidation;

import io.querylens.annotations.Cached;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Opted out of automatic invalidation: its entries may lag behind the table until their TTL. */
public class LaggingFoodNames implements FoodNames {
  static final String CACHE = "inv-lagging";

  private final JdbcTemplate jdbc;
  private final AtomicInteger runs = new AtomicInteger();

  public LaggingFoodNames(DataSource pool) {
    this.jdbc = new JdbcTemplate(pool);
  }

  @Override
  @Cached(name = CACHE, invalidateOnWrites = false)
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
