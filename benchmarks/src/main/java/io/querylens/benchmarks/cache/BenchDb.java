package io.querylens.benchmarks.cache;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The cache benchmarks' database: H2 in memory, one per fork, behind a HikariCP pool (as a Spring application's
 * would be), created on first use. It holds
 *
 * <ul>
 *   <li>{@code recipe}, {@code ingredient} and {@code food}, seeded from {@link Cookbook}: what the table-dependent
 *       {@code @Cached} methods ({@link CachedRecipes#listingFromDb()}) read on a miss, so that their entries depend
 *       on three tables, as a recipe listing's would;
 *   <li>{@code stock1..3} and {@code audit1..3}, {@value #ROWS} rows {@code (id, n)} each, identical but for their
 *       names: what {@link WritePath}'s transactions update. {@link CacheRunner} lists the {@code audit} tables in the
 *       agent's {@code cache.invalidation.exclude-tables}, so writes to them bump nothing.
 * </ul>
 *
 * <p>In a JVM with the agent, creating and seeding the tables are writes: they bump those tables' versions in Redis,
 * which is as it should be (entries then record versions that exist, as in a running application).
 */
final class BenchDb {
  static final int ROWS = 100;
  /** The tables the listing's query reads, as the agent names them, in the order of an entry's header. */
  static final List<String> LISTING_TABLES = List.of("food", "ingredient", "recipe");

  private static final String URL = "jdbc:h2:mem:cachebench;DB_CLOSE_DELAY=-1";
  /** One small join over the three tables; its result is not what the method returns, only its reads count. */
  private static final String LISTING_QUERY = "select count(*) from recipe r join ingredient i on i.recipe_id = r.id"
      + " join food f on f.id = i.food_id where r.id <= ?";

  private static HikariDataSource pool;

  private BenchDb() {}

  /** The pool, the schema created and seeded on the first call. */
  static synchronized HikariDataSource pool() {
    if (pool == null) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(URL);
      config.setMaximumPoolSize(2);
      config.setPoolName("cachebench");
      HikariDataSource created = new HikariDataSource(config);
      try {
        create(created);
      } catch (SQLException e) {
        created.close();
        throw new IllegalStateException("cannot create the benchmark's H2 tables", e);
      }
      pool = created;
    }
    return pool;
  }

  private static void create(HikariDataSource pool) throws SQLException {
    try (Connection connection = pool.getConnection(); Statement ddl = connection.createStatement()) {
      ddl.execute("create table food (id bigint primary key, name varchar(64) not null)");
      ddl.execute("create table recipe (id bigint primary key, name varchar(128) not null)");
      ddl.execute("create table ingredient (id bigint primary key, recipe_id bigint not null, food_id bigint not null,"
          + " unit varchar(16) not null)");
      for (int t = 1; t <= 3; t++) {
        ddl.execute("create table stock" + t + " (id bigint primary key, n bigint not null)");
        ddl.execute("create table audit" + t + " (id bigint primary key, n bigint not null)");
        ddl.execute("insert into stock" + t + " select x, 0 from system_range(1, " + ROWS + ")");
        ddl.execute("insert into audit" + t + " select x, 0 from system_range(1, " + ROWS + ")");
      }
      connection.setAutoCommit(false);
      List<String> foods = Cookbook.LISTING.stream().flatMap(r -> r.ingredients().stream())
          .map(RecipeDto.IngredientDto::food).distinct().toList();
      try (PreparedStatement food = connection.prepareStatement("insert into food (id, name) values (?, ?)");
          PreparedStatement recipe = connection.prepareStatement("insert into recipe (id, name) values (?, ?)");
          PreparedStatement ingredient = connection.prepareStatement(
              "insert into ingredient (id, recipe_id, food_id, unit) values (?, ?, ?, ?)")) {
        for (int f = 0; f < foods.size(); f++) {
          food.setLong(1, f + 1);
          food.setString(2, foods.get(f));
          food.addBatch();
        }
        food.executeBatch();
        long id = 0;
        for (RecipeDto each : Cookbook.LISTING) {
          recipe.setLong(1, each.id());
          recipe.setString(2, each.name());
          recipe.addBatch();
          for (RecipeDto.IngredientDto line : each.ingredients()) {
            ingredient.setLong(1, ++id);
            ingredient.setLong(2, each.id());
            ingredient.setLong(3, foods.indexOf(line.food()) + 1);
            ingredient.setString(4, line.unit());
            ingredient.addBatch();
          }
        }
        recipe.executeBatch();
        ingredient.executeBatch();
      }
      connection.commit();
    }
  }

  /** Runs the listing's query (recipes, their ingredients and foods): what the table-dependent methods read. */
  static long readListingTables() {
    try (Connection connection = pool().getConnection();
        PreparedStatement query = connection.prepareStatement(LISTING_QUERY)) {
      query.setLong(1, Cookbook.RECIPES);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the listing's query failed", e);
    }
  }
}
