package io.querylens.it.invalidation;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the names through JdbcTemplate, which takes part in the thread's Spring transaction: inside one, it reads
 * through the transaction's connection, and so sees that transaction's own writes and its snapshot.
 */
public abstract class JdbcTemplateFoodNames extends CountingFoodNames {
  private final JdbcTemplate jdbc;

  protected JdbcTemplateFoodNames(DataSource pool, String cacheName) {
    super(cacheName);
    this.jdbc = new JdbcTemplate(pool);
  }

  /** The query alone, for the subclass's {@code @Cached} body to run. */
  protected final List<String> queryNames() {
    return jdbc.queryForList("select name from food order by id", String.class);
  }
}
