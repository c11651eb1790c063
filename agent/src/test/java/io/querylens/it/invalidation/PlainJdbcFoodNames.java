package io.querylens.it.invalidation;

import io.querylens.annotations.Cached;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** Reads through a connection of its own from the pool, as code without a framework does. */
public class PlainJdbcFoodNames extends CountingFoodNames {
  static final String CACHE = "inv-plain-jdbc";

  private final DataSource pool;

  public PlainJdbcFoodNames(DataSource pool) {
    super(CACHE);
    this.pool = pool;
  }

  @Override
  @Cached(name = CACHE)
  public List<String> names(String label) {
    countRun();
    try (Connection connection = pool.getConnection();
        PreparedStatement select = connection.prepareStatement("select name from food order by id");
        ResultSet rows = select.executeQuery()) {
      return FoodDatabase.namesOf(rows);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
