package io.querylens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JDBC counting on real drivers, inside real servlet requests, with the packaged agent attached to this JVM
 * (failsafe's {@code -javaagent}, with {@code nplusone.threshold=3}).
 */
class JdbcCountingIT {
  /** Paths are unique per run, so reports of an earlier run in the same directory never match. */
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String URL = "jdbc:h2:mem:counting;DB_CLOSE_DELAY=-1";

  private static ScenarioServer server;
  private static HikariDataSource pool;

  @BeforeAll
  static void start() throws Exception {
    try (Connection connection = DriverManager.getConnection(URL);
        Statement statement = connection.createStatement()) {
      statement.execute("create table item (id int primary key, name varchar(50), owner int)");
      for (int i = 1; i <= 20; i++) {
        statement.execute("insert into item values (" + i + ", 'item " + i + "', " + (i % 4) + ")");
      }
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(URL);
    config.setMaximumPoolSize(20);
    pool = new HikariDataSource(config);
    server = new ScenarioServer();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    pool.close();
  }

  private static DataSource direct() {
    org.h2.jdbcx.JdbcDataSource dataSource = new org.h2.jdbcx.JdbcDataSource();
    dataSource.setURL(URL);
    return dataSource;
  }

  /** Three lookups by id with one prepared SQL, one literal query, one update: five statements, three distinct. */
  private static String mixedWork(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      for (int id = 1; id <= 3; id++) {
        try (PreparedStatement select = connection.prepareStatement("select name from item where id = ?")) {
          select.setInt(1, id);
          try (ResultSet rows = select.executeQuery()) {
            rows.next();
          }
        }
      }
      try (Statement statement = connection.createStatement()) {
        statement.executeQuery("select count(*) from item where owner = 2").close();
        statement.executeUpdate("update item set name = 'renamed' where id = 20");
      }
    }
    return "ok";
  }

  private static void assertMixedWork(JsonNode report) {
    JsonNode queries = report.path("queries");
    assertEquals(5, queries.path("count").asInt(), report::toPrettyString);
    assertEquals(3, queries.path("distinct").asInt(), report::toPrettyString);
    JsonNode lookup = Reports.statement(report, "from item where id = ?");
    assertEquals(3, lookup.path("count").asInt());
    assertTrue(lookup.path("nPlusOne").asBoolean(), "3 runs reach the IT threshold of 3");
    assertTrue(lookup.path("callSite").asText().startsWith("io.querylens.it.JdbcCountingIT.mixedWork("),
        lookup.path("callSite").asText());
    assertEquals(1, Reports.statement(report, "owner = ?").path("count").asInt(), "literal masked");
    assertEquals(1, Reports.statement(report, "update item").path("count").asInt());
    assertFalse(report.toString().contains("renamed"), "no literal leaks into the report");
  }

  @Test
  void countsH2Directly() throws Exception {
    server.register("direct", request -> mixedWork(direct()));
    assertEquals(200, server.get("/scenario/direct/" + RUN).statusCode());
    JsonNode report = Reports.awaitOne("/scenario/direct/" + RUN);
    assertMixedWork(report);
    assertEquals("GET", report.path("request").path("method").asText());
    assertEquals(200, report.path("request").path("status").asInt());
  }

  @Test
  void countsOnceBehindHikari() throws Exception {
    server.register("hikari", request -> mixedWork(pool));
    assertEquals(200, server.get("/scenario/hikari/" + RUN).statusCode());
    assertMixedWork(Reports.awaitOne("/scenario/hikari/" + RUN));
  }

  @Test
  void aBatchIsOneExecutionWithItsSize() throws Exception {
    server.register("batch", request -> {
      try (Connection connection = pool.getConnection()) {
        try (PreparedStatement insert = connection.prepareStatement("insert into item values (?, ?, 0)")) {
          for (int i = 0; i < 10; i++) {
            insert.setInt(1, 1000 + i);
            insert.setString(2, "batch " + i);
            insert.addBatch();
          }
          insert.executeBatch();
        }
        try (Statement statement = connection.createStatement()) {
          statement.addBatch("delete from item where id = 1000");
          statement.addBatch("delete from item where id = 1001");
          statement.addBatch("delete from item where id = 1002");
          statement.executeBatch();
        }
      }
      return "ok";
    });
    server.get("/scenario/batch/" + RUN);
    JsonNode report = Reports.awaitOne("/scenario/batch/" + RUN);
    assertEquals(2, report.path("queries").path("count").asInt(), report::toPrettyString);
    JsonNode insert = Reports.statement(report, "insert into item");
    assertEquals(1, insert.path("count").asInt());
    assertEquals(1, insert.path("batches").asInt());
    assertEquals(10, insert.path("batchedRows").asInt());
    JsonNode delete = Reports.statement(report, "delete from item");
    assertEquals(1, delete.path("batches").asInt());
    assertEquals(3, delete.path("batchedRows").asInt());
  }

  @Test
  void failedStatementsCountAndTheDriversExceptionPassesThrough() throws Exception {
    server.register("failed", request -> {
      try (Connection connection = pool.getConnection();
          PreparedStatement select = connection.prepareStatement("select * from missing_table where id = ?")) {
        return "prepared unexpectedly";
      } catch (SQLException prepareFailure) {
        // H2 fails at prepare; run it as a plain statement to reach execute.
      }
      try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
        statement.executeQuery("select * from missing_table where id = 7");
        return "executed unexpectedly";
      } catch (SQLException e) {
        return e.getClass().getName() + " " + e.getErrorCode();
      }
    });
    HttpResponse<String> response = server.get("/scenario/failed/" + RUN);
    assertEquals("org.h2.jdbc.JdbcSQLSyntaxErrorException 42102", response.body(), "the app sees H2's own exception");
    JsonNode report = Reports.awaitOne("/scenario/failed/" + RUN);
    assertEquals(1, report.path("queries").path("count").asInt(), report::toPrettyString);
    assertEquals(1, report.path("queries").path("failed").asInt());
    assertEquals(1, Reports.statement(report, "missing_table").path("failed").asInt());
  }

  @Test
  void exactDuplicatesAreCountedByValueWithoutWritingValues() throws Exception {
    server.register("duplicates", request -> {
      try (Connection connection = pool.getConnection()) {
        for (int id : new int[] {5, 5, 6, 5}) {
          try (PreparedStatement select = connection.prepareStatement("select name from item where id = ?")) {
            select.setInt(1, id);
            select.executeQuery().close();
          }
        }
      }
      return "ok";
    });
    server.get("/scenario/duplicates/" + RUN);
    JsonNode report = Reports.awaitOne("/scenario/duplicates/" + RUN);
    assertEquals(4, report.path("queries").path("count").asInt());
    assertEquals(2, report.path("queries").path("duplicates").asInt(), report::toPrettyString);
    assertEquals(2, Reports.statement(report, "where id = ?").path("duplicates").asInt());
  }

  @Test
  void aForwardAndTheFilterStayInsideOneRequest() throws Exception {
    server.register("forwarded", request -> mixedWork(pool));
    assertEquals(200, server.get("/forward/forwarded/" + RUN).statusCode());
    assertMixedWork(Reports.awaitOne("/forward/forwarded/" + RUN));
    assertTrue(Reports.find("/scenario/forwarded/" + RUN).isEmpty(), "the forward opened no second report");
  }

  @Test
  void queriesOutsideARequestAreNotReported() throws Exception {
    String marker = "outside_" + RUN;
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.executeQuery("select 1 as " + marker).close();
    }
    server.register("after-outside", request -> "ok");
    server.get("/scenario/after-outside/" + RUN);
    JsonNode report = Reports.awaitOne("/scenario/after-outside/" + RUN);
    assertEquals(0, report.path("queries").path("count").asInt(), "a query outside leaks into no request");
  }

  @Test
  void sixteenConcurrentRequestsCountExactlyTheirOwnQueries() throws Exception {
    int threads = 16;
    server.register("concurrent", request -> {
      int queries = Integer.parseInt(request.getParameter("queries"));
      try (Connection connection = pool.getConnection()) {
        for (int i = 0; i < queries; i++) {
          try (PreparedStatement select = connection.prepareStatement("select name from item where id = ?")) {
            select.setInt(1, 1 + i % 20);
            select.executeQuery().close();
          }
          if (i % 3 == 0) {
            Thread.yield(); // interleave the threads' executes
          }
        }
      }
      return "ok";
    });
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String path = "/scenario/concurrent/" + RUN + "-" + t + "?queries=" + (10 + t * 7);
        Callable<Integer> call = () -> {
          start.await();
          return server.get(path).statusCode();
        };
        statuses.add(executor.submit(call));
      }
      start.countDown();
      for (Future<Integer> status : statuses) {
        assertEquals(200, status.get(60, TimeUnit.SECONDS));
      }
    } finally {
      executor.shutdownNow();
    }
    for (int t = 0; t < threads; t++) {
      JsonNode report = Reports.awaitOne("/scenario/concurrent/" + RUN + "-" + t);
      assertEquals(10 + t * 7, report.path("queries").path("count").asInt(), "request " + t);
      assertEquals(1, report.path("queries").path("distinct").asInt(), "request " + t);
    }
  }
}
