package io.querylens.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querylens.benchmarks.jdbc.stub.StubConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The JDBC stacks the benchmark runs its lookup on, each behind a {@link Connection} to the same {@code item}
 * table.
 */
public enum Driver {
  /** H2 in memory, its own connection and statement: the benchmark. */
  H2 {
    @Override
    Connection connect(String[] names, List<AutoCloseable> resources) throws SQLException {
      createTable(names);
      return DriverManager.getConnection(H2_URL);
    }
  },

  /**
   * HikariCP (pool of one) in front of H2: the proxy statement and the driver's statement beneath it are both
   * instrumented, and the execute must be timed and counted once.
   */
  HIKARI {
    @Override
    Connection connect(String[] names, List<AutoCloseable> resources) throws SQLException {
      createTable(names);
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(H2_URL);
      config.setMaximumPoolSize(1);
      config.setPoolName("querylens-bench");
      HikariDataSource pool = new HikariDataSource(config);
      resources.add(pool);
      return pool.getConnection();
    }
  },

  /**
   * A stub whose lookup costs a few nanoseconds ({@link io.querylens.benchmarks.jdbc.stub}): the agent's cost is
   * then most of what is measured, instead of a few percent of H2's, within the machine's noise.
   */
  STUB {
    @Override
    Connection connect(String[] names, List<AutoCloseable> resources) {
      return new StubConnection(names);
    }
  };

  /** One in-memory database per forked JVM, kept open across connections (HikariCP's come and go). */
  private static final String H2_URL = "jdbc:h2:mem:querylens_bench;DB_CLOSE_DELAY=-1";

  /**
   * Connects to a table {@code item(id bigint primary key, name varchar)} holding one row per name, {@code id} its
   * index.
   *
   * @param resources where to put what must be closed after the connection (a pool)
   */
  abstract Connection connect(String[] names, List<AutoCloseable> resources) throws SQLException;

  private static void createTable(String[] names) throws SQLException {
    try (Connection connection = DriverManager.getConnection(H2_URL)) {
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("create table item (id bigint primary key, name varchar(64) not null)");
      }
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement("insert into item (id, name) values (?, ?)")) {
        for (int id = 0; id < names.length; id++) {
          insert.setLong(1, id);
          insert.setString(2, names[id]);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      connection.commit();
    }
  }
}
