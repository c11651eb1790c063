package io.querylens.it.invalidation;

import io.querylens.annotations.Cached;
import java.util.List;
import javax.sql.DataSource;

/** Reads the names through JdbcTemplate; its first run pauses after the query (see {@link FirstRunPause}). */
public class PausingFoodNames extends JdbcTemplateFoodNames {
  static final String CACHE = "inv-pausing";

  public final FirstRunPause pause = new FirstRunPause();

  public PausingFoodNames(DataSource pool) {
    this(pool, CACHE);
  }

  /** For a subclass whose own {@code @Cached} method, under {@code cacheName}, does what this one does. */
  protected PausingFoodNames(DataSource pool, String cacheName) {
    super(pool, cacheName);
  }

  @Override
  @Cached(name = CACHE)
  public List<String> names(String label) {
    return readPausingTheFirstRun();
  }

  /** The whole body: counts the run, queries, and on the first run waits at the pause before returning. */
  protected final List<String> readPausingTheFirstRun() {
    int run = countRun();
    List<String> names = queryNames();
    pause.afterRead(run);
    return names;
  }
}
