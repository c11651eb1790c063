package io.querylens.demo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.querylens.demo.e2e.DemoProcess.HttpResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent on the packaged demo, end to end, written once and run once per JDK by a subclass
 * ({@link AgentOnJava17IT}, {@link AgentOnJava25IT}): the demo jar starts in its own JVM with
 * {@code -javaagent:querylens-agent.jar=reports.dir=...}, the tests call it over HTTP and read the reports.
 *
 * <p>To keep the build short there are only three launches: one per JDK with the agent (shared by that JDK's tests,
 * which run in order against it) and one on the running JDK without the agent, whose responses are the reference for
 * "the agent changes nothing the application returns". A JDK that is not installed is skipped with a message.
 *
 * <p>The cache: each JDK's launch gets a fresh real redis-server on a free port ({@link TestRedis}), passed as
 * {@code QUERYLENS_REDIS_URL} (so the demo starts no Redis of its own), and the tests look at the agent's entries
 * there as README's {@code redis-cli} commands do. The order matters: the cached listing's miss and hit come first,
 * then the comparison without the agent (so its cached responses come from Redis), then the writes, which change
 * the data every later response would show.
 *
 * <p>What the numbers rest on: the demo's naive {@code GET /api/recipes} runs 1 + N + one query per food, and
 * {@code GET /api/stats/hibernate} reports Hibernate's own prepared-statement counter without running SQL itself
 * (both checked without the agent by {@code RecipeQueriesTest}). Failures print the report and the demo's output;
 * the full logs and reports stay in {@code target/e2e/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AgentEndToEndTest {

  /**
   * The responses compared with and without the agent: JSON, the fetch-join and cached variants, one recipe, the HTML
   * page (which reads the cached listing too). Without the agent {@code @Cached} is inert, so the cached paths must
   * answer exactly what the agent serves from Redis.
   */
  private static final List<String> COMPARED_PATHS =
      List.of("/api/recipes", "/api/recipes/fetch-join", "/api/recipes/cached", "/api/recipes/1", "/cookbook");

  private static final String CACHED_PATH = "/api/recipes/cached";

  /** What the reports name: the cache and the repository interface method that carries {@code @Cached}. */
  private static final String CACHE_NAME = "recipes";
  private static final String CACHED_METHOD = "RecipeRepository.findAllAsDtos";

  /**
   * A hit is one Redis round trip and a decode, milliseconds; this bound is generous for a loaded two-core machine
   * and far below the agent's lock and flight timeouts (10 s), which a hit must never wait for.
   */
  private static final double HIT_TIME_BOUND_MILLIS = 3_000;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Path AGENT_JAR = requiredPath("querylens.agent.jar");
  private static final Path DEMO_JAR = requiredPath("querylens.demo.jar");
  private static final Path WORK_DIR = requiredPath("querylens.it.work.dir");

  /** The demo's answers on the running JDK without the agent; recorded once, on first need. */
  private static Map<String, HttpResult> responsesWithoutAgent;

  /** The demo with the agent on the current invocation's JDK, and the directory its reports go to. */
  private static DemoProcess demo;
  private static ReportDirectory reports;

  /** The JDK of the current subclass, set by {@link #startDemoWithAgent}. */
  private static Jdk jdk;

  /** The current launch's Redis, and the demo's environment that points the agent at it. */
  private static TestRedis redis;
  private static Map<String, String> demoEnvironment;

  /** Called from each subclass's {@code @BeforeAll}. */
  static void startDemoWithAgent(Jdk chosen) throws Exception {
    jdk = chosen;
    if (jdk.missingReason().isPresent()) {
      // Each test then reports the skip (skipUnlessInstalled), so the report shows what did not run and why.
      System.out.println("AgentEndToEndTest: skipping " + jdk + ": " + jdk.missingReason().orElseThrow());
      return;
    }
    assertThat(DEMO_JAR).as("the packaged demo (mvn package)").isRegularFile();
    assertThat(AGENT_JAR).as("the packaged agent (mvn -pl agent -am package)").isRegularFile();

    redis = TestRedis.start();
    demoEnvironment = Map.of("QUERYLENS_REDIS_URL", redis.url());
    if (responsesWithoutAgent == null) {
      responsesWithoutAgent = recordResponsesWithoutAgent();
    }
    reports = ReportDirectory.fresh(WORK_DIR.resolve("reports").resolve(jdk.label()));
    String agentOption = "-javaagent:" + AGENT_JAR + "=reports.dir=" + reports.path();
    demo = DemoProcess.start("demo with agent on " + jdk, jdk, DEMO_JAR, agentOption, demoEnvironment,
        logFile(jdk.label() + "-agent"));
  }

  @AfterAll
  static void stopDemo() {
    if (demo != null) {
      demo.close();
      demo = null;
    }
    if (redis != null) {
      redis.close();
      redis = null;
    }
  }

  @BeforeEach
  void skipUnlessInstalled() {
    Optional<String> missing = jdk.missingReason();
    assumeTrue(missing.isEmpty(), missing::orElseThrow);
  }

  @Test
  @Order(1)
  void statisticsEndpointRunsNoSql() throws Exception {
    // The comparison below brackets a request with two calls to this endpoint: it must add nothing itself.
    Set<Path> before = reports.snapshot();
    assertThat(demo.get("/api/stats/hibernate").status()).isEqualTo(200);

    JsonNode report = reports.awaitNewReport("/api/stats/hibernate", before, this::demoOutput);

    assertThat(report.path("queries").path("count").asLong(-1)).as(describe(report)).isZero();
  }

  @Test
  @Order(2)
  void naiveListingIsReportedAsNPlusOneWithHibernatesStatementCount() throws Exception {
    long preparedBefore = preparedStatementCount();
    Set<Path> before = reports.snapshot();
    HttpResult response = demo.get("/api/recipes");
    long prepared = preparedStatementCount() - preparedBefore;

    assertThat(response.status()).isEqualTo(200);
    int recipes = JSON.readTree(response.body()).size();
    assertThat(prepared).as("Hibernate's statements for %d recipes (a premise, not the agent)", recipes)
        .isGreaterThan(recipes);

    JsonNode report = reports.awaitNewReport("/api/recipes", before, this::demoOutput);
    String described = describe(report);
    assertThat(report.path("request").path("method").asString()).as(described).isEqualTo("GET");
    assertThat(report.path("request").path("status").asInt()).as(described).isEqualTo(200);
    assertEquals(prepared, report.path("queries").path("count").asLong(-1),
        "queries.count must equal Hibernate's prepareStatementCount delta for the request\n" + described);

    List<JsonNode> ingredientLoads = statements(report).stream()
        .filter(statement -> sql(statement).contains("ingredient") && sql(statement).contains("where"))
        .toList();
    assertThat(ingredientLoads).as("statements loading one recipe's ingredients\n%s", described).hasSize(1);
    JsonNode ingredientLoad = ingredientLoads.get(0);
    assertThat(ingredientLoad.path("count").asLong()).as(described).isEqualTo(recipes);
    assertThat(ingredientLoad.path("nPlusOne").asBoolean(false)).as("nPlusOne\n%s", described).isTrue();
    assertThat(ingredientLoad.path("callSite").asString("<no callSite>")).as(described)
        .startsWith("io.querylens.demo.");
  }

  @Test
  @Order(3)
  void fetchJoinListingIsReportedWithFewQueriesAndNoNPlusOne() throws Exception {
    Set<Path> before = reports.snapshot();
    HttpResult response = demo.get("/api/recipes/fetch-join");
    assertThat(response.status()).isEqualTo(200);

    JsonNode report = reports.awaitNewReport("/api/recipes/fetch-join", before, this::demoOutput);
    String described = describe(report);

    assertThat(report.path("queries").path("count").asLong(-1)).as(described).isBetween(1L, 3L);
    assertThat(statements(report)).as(described).isNotEmpty()
        .noneMatch(statement -> statement.path("nPlusOne").asBoolean(false));
  }

  /**
   * The scenario, and at the same time {@code @Cached} on a Spring Data repository interface method through
   * the real Spring Data JDK proxy ({@link #CACHED_METHOD} is a default method of {@code RecipeRepository}): the first
   * {@code GET /api/recipes/cached} is a miss that runs the fetch join, its entry lands in Redis with the
   * annotation's 15-minute TTL, and the next ones are hits with no SQL at all that report the queries they avoided,
   * each without delay. All answer the naive listing's JSON byte for byte: the entry round-trips through the agent's
   * codec intact.
   */
  @Test
  @Order(4)
  void cachedListingMissesThenIsServedFromRedisWithoutQueries() throws Exception {
    String naive = demo.get("/api/recipes").body();
    assertThat(demo.output()).as("the demo says which Redis it uses")
        .anyMatch(line -> line.contains("Redis for @Cached: " + redis.url() + " (from QUERYLENS_REDIS_URL)"));
    assertThat(redis.keys(CACHE_NAME)).as("a fresh Redis").isEmpty();

    Set<Path> before = reports.snapshot();
    HttpResult first = demo.get(CACHED_PATH);
    JsonNode missReport = reports.awaitNewReport(CACHED_PATH, before, this::demoOutput);
    String described = describe(missReport);
    JsonNode miss = onlyCacheCall(missReport);
    long queries = missReport.path("queries").path("count").asLong(-1);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).as("JSON of the miss").isEqualTo(naive);
    assertThat(miss.path("outcome").asString()).as(described).isEqualTo("miss");
    assertThat(queries).as("the fetch join, and nothing else\n%s", described).isBetween(1L, 3L);
    assertThat(miss.path("queries").asLong(-1)).as("queries the method ran\n%s", described).isEqualTo(queries);
    assertThat(missReport.path("cache").path("misses").asInt(-1)).as(described).isEqualTo(1);
    assertThat(missReport.path("cache").path("hits").asInt(-1)).as(described).isZero();

    String key = redis.awaitSingleKey(CACHE_NAME, this::demoOutput);
    assertThat(key).startsWith("querylens:{" + CACHE_NAME + "}:" + CACHED_METHOD);
    String value = new String(redis.get(key), StandardCharsets.UTF_8);
    assertThat(value).as("the entry under %s", key).startsWith("QL2 q=" + queries + " g=");
    assertThat(redis.pttl(key)).as("TTL of %s in ms (ttl = \"15m\")", key)
        .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15).toMillis());

    // Hits in a row, each on its own: a hit must wait for nothing (a regression test for in-JVM bookkeeping that a
    // hit leaves behind, such as a flight nobody completes, which would stall the next call on the same key).
    for (int call = 2; call <= 4; call++) {
      before = reports.snapshot();
      HttpResult again = demo.get(CACHED_PATH);
      JsonNode hitReport = reports.awaitNewReport(CACHED_PATH, before, this::demoOutput);
      described = "call " + call + ", " + describe(hitReport);
      JsonNode hit = onlyCacheCall(hitReport);

      assertThat(again.status()).isEqualTo(200);
      assertThat(again.body()).as("JSON of hit %d", call - 1).isEqualTo(naive);
      assertThat(hit.path("outcome").asString()).as("a call once the entry is in Redis\n%s", described)
          .isEqualTo("hit");
      assertThat(hitReport.path("queries").path("count").asLong(-1)).as(described).isZero();
      assertThat(hit.path("queries").asLong(-1)).as(described).isZero();
      assertThat(hit.path("avoidedQueries").asLong(-1)).as("what the miss ran\n%s", described).isEqualTo(queries);
      assertThat(hitReport.path("cache").path("hits").asInt(-1)).as(described).isEqualTo(1);
      assertThat(hit.path("timeMs").asDouble(-1)).as("time of a hit, in ms\n%s", described)
          .isLessThan(HIT_TIME_BOUND_MILLIS);
    }
  }

  @Test
  @Order(5)
  void responsesAreTheSameAsWithoutTheAgent() throws Exception {
    Map<String, HttpResult> withAgent = new LinkedHashMap<>();
    for (String path : COMPARED_PATHS) {
      withAgent.put(path, demo.get(path));
    }

    assertThat(withAgent).isEqualTo(responsesWithoutAgent);
  }

  /**
   * Both writes evict the cache, after their commit and before their response: the cache's generation has moved on
   * when the POST answers, and the next listing is a miss that shows the new data. A write that fails (404) evicts
   * nothing. (A fill still on its way when a write evicts is not stored: the agent's own race test covers that; here
   * each miss's entry is awaited so that every listing after a write is a plain miss.)
   */
  @Test
  @Order(6)
  void writesEvictAndTheNextListingIsAMissWithTheNewData() throws Exception {
    redis.awaitSingleKey(CACHE_NAME, this::demoOutput);

    long generation = redis.generation(CACHE_NAME);
    HttpResult unknownRecipe =
        demo.post("/api/recipes/999999/ingredients", "{\"food\":\"salt\",\"amount\":1,\"unit\":\"g\"}");
    assertThat(unknownRecipe.status()).as(unknownRecipe.body()).isEqualTo(404);
    assertThat(redis.generation(CACHE_NAME)).as("a write that throws evicts nothing").isEqualTo(generation);
    assertThat(redis.keys(CACHE_NAME)).as("its entry is still there").hasSize(1);

    HttpResult recipe = demo.post("/api/recipes",
        "{\"name\":\"Ponzu\",\"description\":\"A citrus soy sauce.\",\"instructions\":\"Stir together.\"}");
    assertThat(recipe.status()).as(recipe.body()).isEqualTo(201);
    assertThat(redis.generation(CACHE_NAME)).as("evicted by POST /api/recipes").isEqualTo(generation + 1);
    String afterRecipe = awaitMissOfCachedListing();
    assertThat(afterRecipe).contains(recipe.body()).isEqualTo(demo.get("/api/recipes").body());

    redis.awaitSingleKey(CACHE_NAME, this::demoOutput);
    long id = JSON.readTree(recipe.body()).path("id").asLong();
    HttpResult ingredient = demo.post("/api/recipes/" + id + "/ingredients",
        "{\"food\":\"yuzu juice\",\"amount\":3,\"unit\":\"tbsp\"}");
    assertThat(ingredient.status()).as(ingredient.body()).isEqualTo(201);
    assertThat(redis.generation(CACHE_NAME)).as("evicted by POST /api/recipes/%d/ingredients", id)
        .isEqualTo(generation + 2);
    String afterIngredient = awaitMissOfCachedListing();
    assertThat(afterIngredient).contains("\"ingredients\":[" + ingredient.body() + "]")
        .isEqualTo(demo.get("/api/recipes").body());
  }

  @Test
  @Order(7)
  void jvmAndAgentPrintNoWarnings() {
    // "Sharing is only supported for boot loader classes because bootstrap classpath has been appended" is the one
    // to expect from an agent that appends to the boot class path; any JVM warning means one is printed to users.
    List<String> warnings = demo.output().stream()
        .filter(line -> line.contains("VM warning") || line.startsWith("WARNING:"))
        .toList();
    // The agent warns once about what it cannot do: a @Cached method it runs uncached, an entry it cannot read or
    // write, a Redis it cannot reach. None of that should happen to the demo.
    List<String> agentWarnings = demo.output().stream()
        .filter(line -> line.contains(" WARN querylens ") || line.contains(" ERROR querylens "))
        .toList();

    assertThat(warnings).as("JVM warnings in the output of the demo with the agent\n%s", demoOutput()).isEmpty();
    assertThat(agentWarnings).as("the agent's warnings in the demo's output\n%s", demoOutput()).isEmpty();
  }

  private static Map<String, HttpResult> recordResponsesWithoutAgent() throws Exception {
    Jdk jdk = Jdk.running();
    // The same environment as the agent's launch: it names a Redis, so this demo does not start one on 6379.
    try (DemoProcess plain = DemoProcess.start("demo without agent on " + jdk, jdk, DEMO_JAR, null, demoEnvironment,
        logFile(jdk.label() + "-no-agent"))) {
      Map<String, HttpResult> responses = new LinkedHashMap<>();
      for (String path : COMPARED_PATHS) {
        responses.put(path, plain.get(path));
      }
      // Sanity: the reference itself must be a working app, or "identical" would prove nothing.
      assertThat(responses.values()).as("responses without the agent").allMatch(r -> r.status() == 200);
      return responses;
    }
  }

  /** GETs the cached listing, expects its report to show a miss, and returns the body. */
  private String awaitMissOfCachedListing() throws Exception {
    Set<Path> before = reports.snapshot();
    HttpResult response = demo.get(CACHED_PATH);
    JsonNode report = reports.awaitNewReport(CACHED_PATH, before, this::demoOutput);
    String described = describe(report);

    assertThat(response.status()).isEqualTo(200);
    assertThat(onlyCacheCall(report).path("outcome").asString()).as("the listing after a write\n%s", described)
        .isEqualTo("miss");
    assertThat(report.path("queries").path("count").asLong(-1)).as(described).isPositive();
    return response.body();
  }

  /** The report's one {@code @Cached} call, checked to be the repository's. */
  private JsonNode onlyCacheCall(JsonNode report) {
    String described = describe(report);
    JsonNode calls = report.path("cache").path("calls");
    assertThat(calls.size()).as("cache.calls: one call of %s\n%s", CACHED_METHOD, described).isEqualTo(1);
    JsonNode call = calls.get(0);
    assertThat(call.path("cache").asString()).as(described).isEqualTo(CACHE_NAME);
    assertThat(call.path("method").asString()).as(described).isEqualTo(CACHED_METHOD);
    return call;
  }

  private long preparedStatementCount() throws Exception {
    HttpResult stats = demo.get("/api/stats/hibernate");
    assertThat(stats.status()).isEqualTo(200);
    return JSON.readTree(stats.body()).path("prepareStatementCount").asLong();
  }

  private static List<JsonNode> statements(JsonNode report) {
    List<JsonNode> statements = new ArrayList<>();
    report.path("queries").path("statements").forEach(statements::add);
    return statements;
  }

  private static String sql(JsonNode statement) {
    return statement.path("sql").asString("").toLowerCase(Locale.ROOT);
  }

  private String describe(JsonNode report) {
    return "report on " + jdk + ":\n" + ReportDirectory.describe(report);
  }

  private String demoOutput() {
    return demo.outputTail(60);
  }

  private static Path logFile(String name) {
    return WORK_DIR.resolve("logs").resolve(name + ".log");
  }

  private static Path requiredPath(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("System property " + property + " is not set; run through mvn verify "
          + "(failsafe sets it in demo-app/pom.xml)");
    }
    return Path.of(value).toAbsolutePath().normalize();
  }
}
