package io.querylens.agent.report;

import io.querylens.agent.request.CacheCall;
import io.querylens.agent.request.QueryLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
  static RequestReport sample() {
    RequestReport.Statement lookup = new RequestReport.Statement("select * from recipe where id = ?", 52,
        6_123_456, 1, 2, 0, 0, "io.example.RecipeService.list(RecipeService.java:42)", true);
    RequestReport.Statement insert =
        new RequestReport.Statement("insert into log values (?, ?)", 1, 1_000, 0, 0, 1, 25, null, false);
    RequestReport.Queries queries =
        new RequestReport.Queries(60, 8_200_999, 1, 4, 2, 5, List.of(lookup, insert), true, 2, 7, 1_500_000);
    return new RequestReport("GET", "/api/recipes", 200, "http-nio-8080-exec-1",
        Instant.parse("2026-11-28T07:30:00.123Z"), 12_345_678, queries,
        new RequestReport.Cache(1, 1, 0, 0, List.of(
            new RequestReport.CacheCall("recipes", "RecipeRepository.findAllCached", "miss", 9_000_000, 3, 0, null),
            new RequestReport.CacheCall("recipes", "RecipeRepository.findAllCached", "hit", 300_000, 0, 3, null)),
            0, List.of("food"), List.of("*", "recipe"), "stored procedure call"),
        List.of(RequestReport.LIMIT_MAX_STATEMENTS), 3);
  }

  static JsonNode writeAndParse(RequestReport report) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportJson.write(report, out);
    return new ObjectMapper().readTree(out.toByteArray());
  }

  @Test
  void writesEveryDocumentedField() throws Exception {
    JsonNode json = writeAndParse(sample());
    assertEquals(RequestReport.FORMAT_VERSION, json.path("formatVersion").asInt());
    assertEquals("GET", json.path("request").path("method").asText());
    assertEquals("/api/recipes", json.path("request").path("path").asText());
    assertEquals(200, json.path("request").path("status").asInt());
    assertEquals("http-nio-8080-exec-1", json.path("thread").asText());
    assertEquals("2026-11-28T07:30:00.123Z", json.path("startedAt").asText());
    assertEquals(12.345, json.path("durationMs").asDouble());
    JsonNode queries = json.path("queries");
    assertEquals(60, queries.path("count").asInt());
    assertEquals(8.200, queries.path("timeMs").asDouble());
    assertEquals(1, queries.path("failed").asInt());
    assertEquals(4, queries.path("distinct").asInt());
    assertEquals(2, queries.path("duplicates").asInt());
    assertEquals(5, queries.path("nPlusOneThreshold").asInt());
    assertTrue(queries.path("truncated").asBoolean());
    assertEquals(2, queries.path("omitted").path("statements").asInt());
    assertEquals(7, queries.path("omitted").path("count").asInt());
    assertEquals(1.500, queries.path("omitted").path("timeMs").asDouble());
    JsonNode first = queries.path("statements").get(0);
    assertEquals("select * from recipe where id = ?", first.path("sql").asText());
    assertEquals(52, first.path("count").asInt());
    assertEquals(6.123, first.path("timeMs").asDouble());
    assertEquals(1, first.path("failed").asInt());
    assertEquals(2, first.path("duplicates").asInt());
    assertEquals("io.example.RecipeService.list(RecipeService.java:42)", first.path("callSite").asText());
    assertTrue(first.path("nPlusOne").asBoolean());
    JsonNode second = queries.path("statements").get(1);
    assertTrue(second.path("callSite").isNull(), "an unknown call site is null, not missing");
    assertEquals(1, second.path("batches").asInt());
    assertEquals(25, second.path("batchedRows").asInt());
    JsonNode cache = json.path("cache");
    assertEquals(1, cache.path("hits").asInt());
    assertEquals(1, cache.path("misses").asInt());
    assertEquals(0, cache.path("errors").asInt());
    assertEquals(0, cache.path("bypassed").asInt());
    assertEquals("miss", cache.path("calls").get(0).path("outcome").asText());
    assertEquals(3, cache.path("calls").get(0).path("queries").asInt());
    assertEquals(9.0, cache.path("calls").get(0).path("timeMs").asDouble());
    assertEquals("hit", cache.path("calls").get(1).path("outcome").asText());
    assertEquals(3, cache.path("calls").get(1).path("avoidedQueries").asInt());
    assertEquals("recipes", cache.path("calls").get(1).path("cache").asText());
    assertEquals("RecipeRepository.findAllCached", cache.path("calls").get(1).path("method").asText());
    assertEquals(0, cache.path("omittedCalls").asInt());
    assertEquals("[\"food\"]", cache.path("invalidatedTables").toString());
    assertEquals("[\"*\",\"recipe\"]", cache.path("invalidationOwed").toString());
    assertEquals("stored procedure call", cache.path("invalidatedAllBecause").asText());
    assertEquals("reports.max-statements", json.path("limits").get(0).asText());
    assertEquals(3, json.path("droppedBefore").asInt());
  }

  @Test
  void conformsToThePublishedSchema() throws Exception {
    assertEquals(java.util.Set.of(), ReportSchema.validate(writeAndParse(sample())));
  }

  @Test
  void untrackedDuplicatesAreNullNotZero() throws Exception {
    QueryLog log = new QueryLog(new io.querylens.agent.jdbc.StatementCatalog(16, 1000)::fingerprint, () -> null, 10,
        false);
    log.record("select * from food where id = ?", 42, 1_000, false, -1);
    log.record("select * from food where id = ?", 42, 1_000, false, -1);
    RequestReport.Queries from = RequestReport.queriesOf(log, 5, new java.util.ArrayList<>());
    JsonNode json = writeAndParse(new RequestReport("GET", "/", 200, "t", Instant.EPOCH, 0, from,
        RequestReport.Cache.EMPTY, List.of(), 0));
    assertTrue(json.path("queries").path("duplicates").isNull(), json.toString());
    assertTrue(json.path("queries").path("statements").get(0).path("duplicates").isNull(), json.toString());
    assertEquals(2, json.path("queries").path("statements").get(0).path("count").asInt());
    assertEquals(java.util.Set.of(), ReportSchema.validate(json));
  }

  @Test
  void escapesWhatJsonMustEscape() throws Exception {
    RequestReport.Statement odd = new RequestReport.Statement("select \"a\\b\" from t\n", 1, 0, 0, 0, 0, 0, null,
        false);
    RequestReport.Queries queries = new RequestReport.Queries(1, 0, 0, 1, 0, 5, List.of(odd), false, 0, 0, 0);
    RequestReport report = new RequestReport("GET", "/p\"ath\u2028", 404, "t", Instant.EPOCH, 0, queries,
        RequestReport.Cache.EMPTY, List.of(), 0);
    JsonNode json = writeAndParse(report);
    assertEquals("/p\"ath\u2028", json.path("request").path("path").asText());
    assertEquals("select \"a\\b\" from t\n", json.path("queries").path("statements").get(0).path("sql").asText());
  }
}
