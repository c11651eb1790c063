package io.querylens.it.invalidation;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The set-up the invalidation tests share, as a static {@code @RegisterExtension} field: Redis up and caching and a
 * {@link FoodDatabase} of the class's own for the whole class, reset to the seed rows before every test. JUnit runs
 * it before the class's own {@code @BeforeAll}/{@code @BeforeEach} methods and after its {@code @AfterAll} ones, so
 * those may build on the database.
 */
public final class SeededFoodDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private final RunningRedis redis = new RunningRedis();
  private final String name;
  private FoodDatabase database;
  private JdbcTemplate jdbc;

  /** @param name the H2 database's (and pool's) name, one per test class */
  public SeededFoodDatabase(String name) {
    this.name = name;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    redis.beforeAll(context);
    database = FoodDatabase.create(name);
    jdbc = new JdbcTemplate(database.dataSource());
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    database.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    database.close();
    redis.afterAll(context);
  }

  public FoodDatabase database() {
    return database;
  }

  public DataSource dataSource() {
    return database.dataSource();
  }

  /** Takes part in the thread's Spring transaction, if there is one. */
  public JdbcTemplate jdbc() {
    return jdbc;
  }

  public TransactionTemplate transactions() {
    return new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
  }

  /**
   * The write most tests make: mirin becomes hon mirin, leaving {@link FoodWrites#RENAMED}. Through {@link #jdbc},
   * so inside a Spring transaction it is that transaction's write.
   */
  public void renameMirin() {
    jdbc.update("update food set name = ? where id = ?", "hon mirin", 2);
  }
}
