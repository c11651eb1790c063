package io.querylens.it.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.querylens.annotations.Cached;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The basic promise of automatic invalidation on plain JDBC: a committed write makes dependent entries stale. */
class AutoInvalidationIT {
  private static final String URL = "jdbc:h2:mem:autoinvalidation;DB_CLOSE_DELAY=-1";

  /** Reads one food's name; the run counter says whether the body ran. */
  public static class Larder {
    final AtomicInteger runs = new AtomicInteger();

    @Cached(name = "it-larder")
    public String name(String run, int id) throws SQLException {
      runs.incrementAndGet();
      try (Connection connection = DriverManager.getConnection(URL);
          PreparedStatement select = connection.prepareStatement("select name from larder_food where id = ?")) {
        select.setInt(1, id);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? rows.getString(1) : null;
        }
      }
    }
  }

  @BeforeAll
  static void start() throws Exception {
    TestRedis.startAndAwaitCaching();
    try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
      statement.execute("create table larder_food (id int primary key, name varchar(50))");
      statement.execute("create table larder_note (id int primary key, text varchar(50))");
      statement.execute("insert into larder_food values (1, 'soy sauce'), (2, 'mirin')");
    }
  }

  private static void update(String sql, boolean commit) throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL)) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate(sql);
      }
      if (commit) {
        connection.commit();
      } else {
        connection.rollback();
      }
    }
  }

  @Test
  void autoCommitTransactionAndRollback() throws Exception {
    String run = UUID.randomUUID().toString();
    Larder larder = new Larder();
    assertEquals("soy sauce", larder.name(run, 1));
    assertEquals("soy sauce", larder.name(run, 1));
    assertEquals(1, larder.runs.get(), "the second call is a hit");

    try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
      statement.executeUpdate("update larder_food set name = 'tamari' where id = 1");
    }
    assertEquals("tamari", larder.name(run, 1), "an auto-committed write makes the entry stale");
    assertEquals(2, larder.runs.get());
    assertEquals("tamari", larder.name(run, 1));
    assertEquals(2, larder.runs.get(), "and the refill is served");

    update("update larder_food set name = 'shoyu' where id = 1", false);
    assertEquals("tamari", larder.name(run, 1));
    assertEquals(2, larder.runs.get(), "a rollback invalidates nothing");

    update("insert into larder_note values (1, 'unrelated')", true);
    assertEquals("tamari", larder.name(run, 1));
    assertEquals(2, larder.runs.get(), "a write to another table invalidates nothing");

    update("update larder_food set name = 'shoyu' where id = 1", true);
    assertEquals("shoyu", larder.name(run, 1), "a committed transaction makes the entry stale");
    assertEquals(3, larder.runs.get());
  }
}
