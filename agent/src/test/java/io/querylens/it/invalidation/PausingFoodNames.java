package io.querylens.it.invalidation;

import io.querylens.annotations.Cached;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the names through JdbcTemplate; its first run pauses after the query (see {@link FirstRunPause}). */
public class PausingFoodNames implements FoodNames {
  static final String CACHE = "inv-pausing";

  private final JdbcTemplate jdbc;
  private final AtomicInteger runs = new AtomicInteger();
  public final FirstRunPause pause = new FirstRunPause();

  public PausingFoodNames(DataSource pool) {
    this.jdbc = new JdbcTemplate(pool);
  }

  @Override
  @Cached(name = CACHE)
  public List<String> names(String label) {
    int run = runs.incrementAndGet();
    List<String> names = jdbc.queryForList("select name from food order by id", String.class);
    pause.afterRead(run);
    return names;
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
