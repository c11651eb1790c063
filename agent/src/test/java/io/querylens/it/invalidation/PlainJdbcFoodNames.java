package io.querylens.it.invalidation;

import io.querylens.annotations.Cached;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Reads through a connection of its own from the pool, as code without a framework does. */
public class PlainJdbcFoodNames implements FoodNames {
  static final String CACHE = "inv-plain-jdbc";

  private final DataSource pool;
  private final AtomicInteger runs = new AtomicInteger();

  public PlainJdbcFoodNames(DataSource pool) {
    this.pool = pool;
  }

  @Override
  @Cached(name = CACHE)
  public List<String> names(String label) {
    runs.incrementAndGet();
    try (Connection connection = pool.getConnection();
        PreparedStatement select = connection.prepareStatement("select name from food order by id");
        ResultSet rows = select.executeQuery()) {
      return FoodDatabase.namesOf(rows);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
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
