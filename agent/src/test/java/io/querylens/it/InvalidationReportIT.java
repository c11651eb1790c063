package io.querylens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.querylens.it.invalidation.CacheEntries;
import io.querylens.it.invalidation.FoodDatabase;
import io.querylens.it.invalidation.FoodNames;
import io.querylens.it.invalidation.Labels;
import io.querylens.it.invalidation.PlainJdbcFoodNames;
import io.querylens.it.invalidation.SeededFoodDatabase;
import io.querylens.it.invalidation.SpringFoodNames;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a request's report says about automatic invalidation: the tables its writes invalidated, a call made stale by
 * a write (outcome {@code stale}, naming the table), and a call inside a transaction that wrote its table (outcome
 * {@code bypass}).
 */
class InvalidationReportIT {
  @RegisterExtension
  static final SeededFoodDatabase food = new SeededFoodDatabase("invalidation_report");

  private static ScenarioServer server;
  private static FoodNames plainNames;
  private static FoodNames springNames;

  @BeforeAll
  static void start() throws Exception {
    JdbcTemplate jdbc = food.jdbc();
    TransactionTemplate transactions = food.transactions();
    plainNames = new PlainJdbcFoodNames(food.dataSource());
    springNames = new SpringFoodNames(food.dataSource());
    server = new ScenarioServer();
    server.register("inv-names", request -> String.join(",", plainNames.names(label(request))));
    server.register("inv-rename", request -> {
      food.renameMirin();
      return "renamed";
    });
    server.register("inv-two-tables", request -> {
      transactions.executeWithoutResult(status -> {
        food.renameMirin();
        jdbc.update("insert into food_note (id, note) values (1, 'renamed mirin')");
      });
      return "renamed and noted";
    });
    server.register("inv-rolled-back", request -> {
      transactions.executeWithoutResult(status -> {
        food.renameMirin();
        status.setRollbackOnly();
      });
      return "rolled back";
    });
    server.register("inv-call", request -> {
      jdbc.execute("call recalculate()");
      return "called";
    });
    server.register("inv-own-write", request -> transactions.execute(status -> {
      food.renameMirin();
      return String.join(",", springNames.names(label(request)));
    }));
  }

  /** The path segment after the scenario's name: {@code /scenario/<name>/<label>/<anything>}. */
  private static String label(HttpServletRequest request) {
    return request.getPathInfo().split("/")[2];
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void aWriteListsTheTableItInvalidatedAndTheNextReadIsStale() throws Exception {
    String label = Labels.next();
    assertEquals("soy sauce,mirin,sake", get("/scenario/inv-names/" + label + "/fill"));
    assertEquals("miss", onlyCall(Reports.awaitOne("/scenario/inv-names/" + label + "/fill")).path("outcome").asText());
    CacheEntries.awaitStored(plainNames.cacheName(), label);
    assertEquals("soy sauce,mirin,sake", get("/scenario/inv-names/" + label + "/served"));
    assertEquals("hit", onlyCall(Reports.awaitOne("/scenario/inv-names/" + label + "/served")).path("outcome").asText());

    assertEquals("renamed", get("/scenario/inv-rename/" + label));
    assertEquals(List.of("food"), invalidatedTables(Reports.awaitOne("/scenario/inv-rename/" + label)));

    assertEquals("soy sauce,hon mirin,sake", get("/scenario/inv-names/" + label + "/after"));
    JsonNode stale = Reports.awaitOne("/scenario/inv-names/" + label + "/after");
    JsonNode call = onlyCall(stale);
    assertEquals("stale", call.path("outcome").asText(), stale::toPrettyString);
    assertTrue(call.path("detail").asText().contains("table food changed"), stale::toPrettyString);
    assertEquals(1, stale.path("cache").path("misses").asInt(), "a stale call counts as a miss");
    assertEquals(1, call.path("queries").asInt(), "the method ran its query again");
  }

  @Test
  void aTransactionListsEveryTableItWroteSorted() throws Exception {
    String path = "/scenario/inv-two-tables/" + Labels.next();
    get(path);
    assertEquals(List.of("food", "food_note"), invalidatedTables(Reports.awaitOne(path)));
  }

  @Test
  void aRolledBackTransactionInvalidatesNothing() throws Exception {
    String path = "/scenario/inv-rolled-back/" + Labels.next();
    get(path);
    assertEquals(List.of(), invalidatedTables(Reports.awaitOne(path)));
  }

  @Test
  void aWriteThatNamesNoTableIsListedAsEveryTable() throws Exception {
    String path = "/scenario/inv-call/" + Labels.next();
    get(path);
    assertEquals(List.of("*"), invalidatedTables(Reports.awaitOne(path)));
  }

  @Test
  void aCallInsideATransactionThatWroteItsTableIsABypass() throws Exception {
    String label = Labels.next();
    CacheEntries.fillAndCheckServed(springNames, label, FoodDatabase.SEED);

    String path = "/scenario/inv-own-write/" + label;
    assertEquals("soy sauce,hon mirin,sake", get(path), "the transaction sees its own write");
    JsonNode report = Reports.awaitOne(path);
    JsonNode call = onlyCall(report);
    assertEquals("bypass", call.path("outcome").asText(), report::toPrettyString);
    assertTrue(call.path("detail").asText().contains("uncommitted"), report::toPrettyString);
    assertEquals(List.of("food"), invalidatedTables(report));
  }

  private static String get(String path) throws Exception {
    var response = server.get(path);
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  private static JsonNode onlyCall(JsonNode report) {
    JsonNode calls = report.path("cache").path("calls");
    assertEquals(1, calls.size(), report::toPrettyString);
    return calls.get(0);
  }

  private static List<String> invalidatedTables(JsonNode report) {
    JsonNode tables = report.path("cache").path("invalidatedTables");
    assertTrue(tables.isArray(), () -> "cache.invalidatedTables is an array: " + report.toPrettyString());
    List<String> names = new ArrayList<>();
    tables.forEach(table -> names.add(table.asText()));
    return names;
  }
}
