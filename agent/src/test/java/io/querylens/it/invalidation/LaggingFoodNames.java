package io.querylens.it.invalidation;

import io.querylens.annotations.Cached;
import java.util.List;
import javax.sql.DataSource;

/** Opted out of automatic invalidation: its entries may lag behind the table until their TTL. */
public class LaggingFoodNames extends JdbcTemplateFoodNames {
  static final String CACHE = "inv-lagging";

  public LaggingFoodNames(DataSource pool) {
    super(pool, CACHE);
  }

  @Override
  @Cached(name = CACHE, invalidateOnWrites = false)
  public List<String> names(String label) {
    countRun();
    return queryNames();
  }
}
