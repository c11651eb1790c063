package io.querylens.agent.view;

import static io.querylens.agent.view.KnownReports.FOOD_BY_NAME_SITE;
import static io.querylens.agent.view.KnownReports.FOOD_BY_NAME_SQL;
import static io.querylens.agent.view.KnownReports.FOOD_SITE;
import static io.querylens.agent.view.KnownReports.FOOD_SQL;
import static io.querylens.agent.view.KnownReports.INGREDIENTS_SITE;
import static io.querylens.agent.view.KnownReports.INGREDIENTS_SQL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.agent.report.ReportSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportSummaryTest {
  private static final double EPSILON = 1e-9;

  @TempDir Path reports;
  private ReportSummary summary;

  @BeforeEach
  void summarise() throws Exception {
    KnownReports.writeTo(reports);
    summary = ReportSummary.of(ReportFolder.read(reports).reports());
  }

  @Test
  void theFixturesAreReportsAsTheSchemaDescribesThem() throws Exception {
    try (Stream<Path> files = Files.list(reports)) {
      for (Path file : files.toList()) {
        var problems = ReportSchema.validate(new ObjectMapper().readTree(file.toFile()));
        assertTrue(problems.isEmpty(), file.getFileName() + ": " + problems);
      }
    }
  }

  @Test
  void endpointsAreFoldedAndSortedByP95QueriesThenMedianDbTime() {
    assertEquals(10, summary.requests());
    assertEquals(List.of("GET /api/recipes", "POST /api/recipes/{id}/ingredients", "GET /api/foods/{id}",
        "GET /api/recipes/{id}", "GET /api/recipes/cached"),
        summary.endpoints().stream().map(EndpointStats::endpoint).toList(),
        "foods and recipes/{id} both have p95 2: foods' median DB time (5 ms) is worse than 1 ms");
  }

  @Test
  void perEndpointNumbers() {
    EndpointStats listing = endpoint("GET /api/recipes");
    assertEquals(3, listing.requests());
    assertEquals(68, listing.medianQueries(), "of 50, 68, 81");
    assertEquals(81, listing.p95Queries(), "nearest rank ceil(0.95 x 3) = 3");
    assertEquals(81, listing.maxQueries());
    assertEquals(24, listing.medianDbTimeMs(), EPSILON, "of 13, 24, 36 ms");
    assertEquals(36, listing.p95DbTimeMs(), EPSILON);
    assertEquals(36, listing.maxDbTimeMs(), EPSILON);
    assertEquals(73.0 / 600, listing.dbShare().orElseThrow(), EPSILON, "(24 + 13 + 36) / (200 + 100 + 300)");
    assertEquals(3, listing.nPlusOneRequests());
    assertEquals(2, listing.nPlusOneStatements(), "ingredients and food, in every request: counted once each");
    assertEquals(OptionalDouble.empty(), listing.cacheHitRatio(), "no @Cached call");

    EndpointStats byId = endpoint("GET /api/recipes/{id}");
    assertEquals(2, byId.requests());
    assertEquals(2, byId.medianQueries());
    assertEquals(0, byId.nPlusOneRequests());
    assertEquals(2.0 / 20, byId.dbShare().orElseThrow(), EPSILON);
    assertEquals(0.5, byId.cacheHitRatio().orElseThrow(), EPSILON, "a hit and a miss");

    EndpointStats cached = endpoint("GET /api/recipes/cached");
    assertEquals(1, cached.medianQueries(), "of 0, 1, 1");
    assertEquals(4, cached.medianDbTimeMs(), EPSILON, "of 0, 4, 4 ms");
    assertEquals(1.0 / 3, cached.cacheHitRatio().orElseThrow(), EPSILON, "hit, stale, error");

    assertEquals(1, endpoint("POST /api/recipes/{id}/ingredients").nPlusOneRequests());
    assertEquals(1, endpoint("POST /api/recipes/{id}/ingredients").nPlusOneStatements());
    assertEquals(0, byId.nPlusOneStatements());
  }

  @Test
  void nPlusOneStatementsAreGatheredPerEndpointAndCallSiteWorstFirst() {
    List<NPlusOneStatement> statements = summary.nPlusOnes();
    assertEquals(3, statements.size(), statements.toString());
    assertEquals(new NPlusOneStatement("GET /api/recipes", INGREDIENTS_SQL, INGREDIENTS_SITE, 60, 3,
        KnownReports.worstListing), statements.get(0));
    assertEquals(new NPlusOneStatement("GET /api/recipes", FOOD_SQL, FOOD_SITE, 20, 3, KnownReports.worstListing),
        statements.get(1));
    assertEquals(new NPlusOneStatement("POST /api/recipes/{id}/ingredients", FOOD_BY_NAME_SQL, FOOD_BY_NAME_SITE, 6,
        1, KnownReports.post), statements.get(2));
  }

  @Test
  void cacheHitRatioPerCacheFromTheCalls() {
    assertEquals(List.of(new CacheStats("recipes", 1, 0, 1, 1, 0), new CacheStats("recipe-by-id", 1, 1, 0, 0, 0)),
        summary.caches());
    assertEquals(1.0 / 3, summary.caches().get(0).hitRatio().orElseThrow(), EPSILON);
    assertEquals(0.5, summary.caches().get(1).hitRatio().orElseThrow(), EPSILON);
    assertEquals(0, summary.omittedCacheCalls());
  }

  @Test
  void nothingToSummarise() {
    ReportSummary empty = ReportSummary.of(List.of());
    assertEquals(0, empty.requests());
    assertTrue(empty.endpoints().isEmpty() && empty.nPlusOnes().isEmpty() && empty.caches().isEmpty());
  }

  private EndpointStats endpoint(String endpoint) {
    return summary.endpoints().stream().filter(stats -> stats.endpoint().equals(endpoint)).findFirst()
        .orElseThrow(() -> new AssertionError(endpoint + " not in " + summary.endpoints()));
  }
}
