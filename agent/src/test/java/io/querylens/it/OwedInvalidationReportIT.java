package io.querylens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.querylens.it.cache.TestRedis;
import io.querylens.it.invalidation.Labels;
import io.querylens.it.invalidation.SeededFoodDatabase;
import io.querylens.it.invalidation.TableVersions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A report never claims an invalidation that did not reach Redis: a write while Redis is down lists its table under
 * {@code invalidationOwed}, not {@code invalidatedTables}, which only the bumps Redis received go to.
 */
class OwedInvalidationReportIT {
  @RegisterExtension
  static final SeededFoodDatabase food = new SeededFoodDatabase("owed_invalidation_report");

  private static ScenarioServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new ScenarioServer();
    server.register("owed-rename", request -> {
      food.renameMirin();
      return "renamed";
    });
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void aBumpThatReachedRedisIsInvalidatedAndOneThatDidNotIsOwed() throws Exception {
    String label = Labels.next();
    String reachedPath = "/scenario/owed-rename/" + label + "/reached";
    get(reachedPath);
    JsonNode reached = Reports.awaitOne(reachedPath);
    assertEquals(List.of("food"), tables(reached, "invalidatedTables"), reached::toPrettyString);
    assertEquals(List.of(), tables(reached, "invalidationOwed"), reached::toPrettyString);

    String owedPath = "/scenario/owed-rename/" + label + "/owed";
    TestRedis.stop();
    try {
      get(owedPath);
      JsonNode owed = Reports.awaitOne(owedPath);
      assertEquals(List.of(), tables(owed, "invalidatedTables"), owed::toPrettyString);
      assertEquals(List.of("food"), tables(owed, "invalidationOwed"), owed::toPrettyString);
    } finally {
      // Caching resumes only once the owed bump is delivered: afterwards Redis (started empty) has counted it.
      TestRedis.startAndAwaitCaching();
    }
    assertTrue(TableVersions.of("food") >= 1, "the owed bump was delivered once Redis was back");
  }

  private static void get(String path) throws Exception {
    var response = server.get(path);
    assertEquals(200, response.statusCode(), response.body());
  }

  private static List<String> tables(JsonNode report, String field) {
    JsonNode tables = report.path("cache").path(field);
    assertTrue(tables.isArray(), () -> "cache." + field + " is an array: " + report.toPrettyString());
    List<String> names = new ArrayList<>();
    tables.forEach(table -> names.add(table.asText()));
    return names;
  }
}
