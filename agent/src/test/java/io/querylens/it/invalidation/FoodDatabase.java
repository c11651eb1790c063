package io.querylens.it.invalidation;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * An in-memory H2 database behind a HikariCP pool, as an application has it: the {@code food} table the cached
 * methods read, {@code food_note} that they never read (its name starts like theirs, to catch prefix matching), and a
 * stored procedure whose call names no table.
 */
public final class FoodDatabase implements AutoCloseable {
  public static final List<String> SEED = List.of("soy sauce", "mirin", "sake");

  private final HikariDataSource pool;

  private FoodDatabase(HikariDataSource pool) {
    this.pool = pool;
  }

  public static FoodDatabase create(String name) throws SQLException {
    return create(name, true);
  }

  /**
   * @param autoCommit false for a pool that hands out connections already in a transaction, as applications
   *     configure HikariCP for Hibernate's {@code provider_disables_autocommit}
   */
  public static FoodDatabase create(String name, boolean autoCommit) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setAutoCommit(autoCommit);
    config.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    config.setPoolName(name);
    // A transaction held open on one thread, a reader on another and a writer on a third, plus Hibernate's.
    config.setMaximumPoolSize(6);
    FoodDatabase database = new FoodDatabase(new HikariDataSource(config));
    try (Connection connection = database.pool.getConnection(); Statement ddl = connection.createStatement()) {
      ddl.execute("create table food (id int primary key, name varchar(50) not null)");
      ddl.execute("create table food_note (id int primary key, note varchar(200))");
      ddl.execute("create alias recalculate for '" + FoodDatabase.class.getName() + ".recalculate'");
      commitUnlessAutocommit(connection);
    }
    database.reset();
    return database;
  }

  /** The stored procedure: what it does is invisible to the agent, which only sees {@code CALL recalculate()}. */
  public static int recalculate() {
    return 0;
  }

  public DataSource dataSource() {
    return pool;
  }

  /** Back to the seed rows; a write like any other, so call it before filling any entry a test relies on. */
  public void reset() throws SQLException {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("delete from food");
      statement.executeUpdate("insert into food (id, name) values (1, 'soy sauce'), (2, 'mirin'), (3, 'sake')");
      statement.executeUpdate("delete from food_note");
      commitUnlessAutocommit(connection);
    }
  }

  private static void commitUnlessAutocommit(Connection connection) throws SQLException {
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
  }

  /** What a new transaction sees now, read outside any cached method. */
  public List<String> committedNames() throws SQLException {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select name from food order by id")) {
      return namesOf(rows);
    }
  }

  static List<String> namesOf(ResultSet rows) throws SQLException {
    List<String> names = new ArrayList<>();
    while (rows.next()) {
      names.add(rows.getString(1));
    }
    return names;
  }

  @Override
  public void close() {
    pool.close();
  }
}
