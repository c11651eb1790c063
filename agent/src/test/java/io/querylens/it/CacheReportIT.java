package io.querylens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.querylens.annotations.Cached;
import io.querylens.it.cache.TestRedis;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the per-request report says about @Cached calls: the tutorial's "3 queries, then 0 with the cache". */
class CacheReportIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String URL = "jdbc:h2:mem:cachereport;DB_CLOSE_DELAY=-1";
  private static ScenarioServer server;

  /** Three queries to build the answer, as a page with an N+1 would. */
  public static class Pantry {
    @Cached(name = "it-pantry")
    public List<String> foods(String run) throws SQLException {
      List<String> names = new ArrayList<>();
      try (Connection connection = DriverManager.getConnection(URL)) {
        for (int id = 1; id <= 3; id++) {
          try (PreparedStatement select = connection.prepareStatement("select name from food where id = ?")) {
            select.setInt(1, id);
            try (ResultSet rows = select.executeQuery()) {
              rows.next();
              names.add(rows.getString(1));
            }
          }
        }
      }
      return names;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    TestRedis.startAndAwaitCaching();
    try (Connection connection = DriverManager.getConnection(URL)) {
      connection.createStatement().execute("create table food (id int primary key, name varchar(50))");
      connection.createStatement().execute("insert into food values (1, 'soy sauce'), (2, 'mirin'), (3, 'sake')");
    }
    server = new ScenarioServer();
    Pantry pantry = new Pantry();
    server.register("pantry", request -> String.join(",", pantry.foods(RUN)));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void aMissShowsTheQueriesAndAHitShowsWhatItAvoided() throws Exception {
    assertEquals("soy sauce,mirin,sake", server.get("/scenario/pantry/" + RUN + "-first").body());
    JsonNode miss = Reports.awaitOne("/scenario/pantry/" + RUN + "-first");
    assertEquals(3, miss.path("queries").path("count").asInt(), miss::toPrettyString);
    assertEquals(0, miss.path("cache").path("hits").asInt());
    assertEquals(1, miss.path("cache").path("misses").asInt());
    JsonNode missCall = miss.path("cache").path("calls").get(0);
    assertEquals("miss", missCall.path("outcome").asText());
    assertEquals("it-pantry", missCall.path("cache").asText());
    assertEquals("Pantry.foods", missCall.path("method").asText());
    assertEquals(3, missCall.path("queries").asInt());

    JsonNode hit = null;
    for (int attempt = 0; attempt < 50 && hit == null; attempt++) {
      String path = "/scenario/pantry/" + RUN + "-again-" + attempt;
      assertEquals("soy sauce,mirin,sake", server.get(path).body());
      JsonNode report = Reports.awaitOne(path);
      if (report.path("cache").path("hits").asInt() == 1) {
        hit = report;
      }
    }
    assertTrue(hit != null, "a later request was served from the cache");
    assertEquals(0, hit.path("queries").path("count").asInt(), hit::toPrettyString);
    JsonNode hitCall = hit.path("cache").path("calls").get(0);
    assertEquals("hit", hitCall.path("outcome").asText());
    assertEquals(3, hitCall.path("avoidedQueries").asInt());
    assertEquals(0, hitCall.path("queries").asInt());
  }
}
