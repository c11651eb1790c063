package io.querylens.it.invalidation;

import io.querylens.annotations.Cached;
import java.util.List;
import javax.sql.DataSource;

/** The plain JdbcTemplate reader (see {@link JdbcTemplateFoodNames} for what reading through it implies). */
public class SpringFoodNames extends JdbcTemplateFoodNames {
  static final String CACHE = "inv-spring";

  public SpringFoodNames(DataSource pool) {
    super(pool, CACHE);
  }

  @Override
  @Cached(name = CACHE)
  public List<String> names(String label) {
    countRun();
    return queryNames();
  }
}
