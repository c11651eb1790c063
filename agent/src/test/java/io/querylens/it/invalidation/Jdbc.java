package io.querylens.it.invalidation;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Plain JDBC on a pooled connection, in each of the three ways a piece of work can end. */
final class Jdbc {
  interface Work {
    void run(Connection connection) throws SQLException;
  }

  private Jdbc() {}

  static void autocommit(DataSource pool, Work work) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      work.run(connection);
    }
  }

  static void commit(DataSource pool, Work work) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        work.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  static void rollBack(DataSource pool, Work work) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        work.run(connection);
      } finally {
        connection.rollback();
      }
    }
  }

  /** Runs a statement that must fail, so that a test's write really is a failed one. */
  static void failing(Connection connection, String sql) {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    } catch (SQLException expected) {
      return;
    }
    throw new AssertionError("expected to fail: " + sql);
  }
}
