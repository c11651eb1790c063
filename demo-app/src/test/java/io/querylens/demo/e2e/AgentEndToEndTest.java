package io.querylens.demo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.querylens.demo.e2e.DemoProcess.HttpResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent on the packaged demo, end to end, written once and run once per JDK by a subclass
 * ({@link AgentOnJava17IT}, {@link AgentOnJava25IT}): the demo jar starts in its own JVM with
 * {@code -javaagent:querylens-agent.jar=reports.dir=...}, the tests call it over HTTP and read the reports.
 *
 * <p>To keep the build short there are few launches: one per JDK with the agent (shared by that JDK's tests, which
 * run in order against it), a second one per JDK for the two-JVM test only, and one on the running JDK without the
 * agent, whose responses are the reference for "the agent changes nothing the application returns". A JDK that is
 * not installed is skipped with a message.
 *
 * <p>The cache: each JDK's launch gets a fresh real redis-server on a free port ({@link TestRedis}), passed as
 * {@code QUERYLENS_REDIS_URL} (so the demo starts no Redis of its own), and the tests look at the agent's entries
 * there as the {@code redis-cli} commands of docs/CACHING.md do. Its database is H2 in a TCP server of the test JVM
 * ({@link TestH2Server}), so that a second demo can share it as instances share one PostgreSQL. The order matters:
 * the cached listing's miss and hit come first, then the comparison without the agent (so its cached responses come
 * from Redis), then the writes, which change the data every later response would show, and the second JVM.
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
  private static final List<String> COMPARED_PATHS = List.of("/api/recipes", "/api/recipes/fetch-join",
      "/api/recipes/cached", "/api/recipes/names/cached", "/api/recipes/1", "/cookbook");

  /** The cached listing: recipes, their ingredients and their foods, so it depends on all three tables. */
  private static final CachedRead LISTING =
      new CachedRead("/api/recipes/cached", "recipes", "RecipeRepository.findAllAsDtos");

  /** The cached names: it reads the recipe table alone, so writes to food or ingredient leave it alone. */
  private static final CachedRead NAMES =
      new CachedRead("/api/recipes/names/cached", "recipe-names", "RecipeRepository.findAllIdsAndNamesCached");

  private static final String CACHED_PATH = LISTING.path();

  /** What the reports name: the cache and the repository interface method that carries {@code @Cached}. */
  private static final String CACHE_NAME = LISTING.cache();
  private static final String CACHED_METHOD = LISTING.method();

  /** A refill is written off the request thread; this bounds the wait for the hit that shows it landed. */
  private static final Duration REFILL_TIMEOUT = Duration.ofSeconds(10);

  /**
   * A hit is one Redis round trip and a decode, milliseconds; this bound is generous for a loaded two-core machine
   * and far below the agent's lock and flight timeouts (10 s), which a hit must never wait for.
   */
  private static final double HIT_TIME_BOUND_MILLIS = 3_000;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Path AGENT_JAR = requiredPath("querylens.agent.jar");
  private static final Path DEMO_JAR = requiredPath("querylens.demo.jar");
  private static final Path WORK_DIR = requiredPath("querylens.it.work.dir");
  private static final Path BUDGET_FILE = requiredPath("querylens.budget.file");

  /** The demo's answers on the running JDK without the agent; recorded once, on first need. */
  private static Map<String, HttpResult> responsesWithoutAgent;

  /** The demo with the agent on the current invocation's JDK, and the directory its reports go to. */
  private static DemoProcess demo;
  private static ReportDirectory reports;

  /** The JDK of the current subclass, set by {@link #startDemoWithAgent}. */
  private static Jdk jdk;

  /** The current launch's Redis and database, and the demo's environment that points the agent and the app at them. */
  private static TestRedis redis;
  private static TestH2Server database;
  private static Map<String, String> demoEnvironment;
  private static String agentOptions;

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
    if (responsesWithoutAgent == null) {
      // Its own in-memory database, and the same Redis as the agent's launch: it names a Redis, so this demo does
      // not start one on 6379.
      responsesWithoutAgent = recordResponsesWithoutAgent(Map.of("QUERYLENS_REDIS_URL", redis.url()));
    }
    database = TestH2Server.start("cookbook-" + jdk.label());
    Map<String, String> environment = new LinkedHashMap<>(database.demoEnvironment());
    environment.put("QUERYLENS_REDIS_URL", redis.url());
    demoEnvironment = Map.copyOf(environment);
    reports = ReportDirectory.fresh(WORK_DIR.resolve("reports").resolve(jdk.label()));
    agentOptions = "-javaagent:" + AGENT_JAR + "=reports.dir=";
    demo = DemoProcess.start("demo with agent on " + jdk, jdk, DEMO_JAR, agentOptions + reports.path(),
        demoEnvironment, logFile(jdk.label() + "-agent"));
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
    if (database != null) {
      database.close();
      database = null;
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
   * No write names a cache: the agent sees the JPA inserts of both POSTs, moves on the versions of the tables each
   * wrote when its transaction commits, before the response, and says which in the POST's report
   * ({@code cache.invalidatedTables}); the next listing finds that a table it read has changed, reports it
   * {@code stale} with the table's name, and shows the new data. A write that fails (404) rolls back and invalidates
   * nothing. Each stale listing's refill is awaited (the next call is a hit), so that every table named is the one
   * the write before it changed.
   */
  @Test
  @Order(6)
  void jpaWritesInvalidateTheTablesTheyWriteAndTheNextListingIsStaleWithTheNewData() throws Exception {
    awaitHit(demo, reports, LISTING);

    String recipeVersion = redis.tableVersion("recipe");
    Written unknownRecipe = write(demo, reports, "POST", "/api/recipes/999999/ingredients",
        "{\"food\":\"salt\",\"amount\":1,\"unit\":\"g\"}", 404);
    assertThat(invalidatedTables(unknownRecipe.report())).as("a write that fails\n%s", describe(unknownRecipe.report()))
        .isEmpty();
    assertThat(redis.tableVersion("recipe")).as("the version of recipe after a failed write").isEqualTo(recipeVersion);
    assertThat(call(demo, reports, LISTING).outcome()).as("the listing after a failed write").isEqualTo("hit");

    Written recipe = write(demo, reports, "POST", "/api/recipes",
        "{\"name\":\"Ponzu\",\"description\":\"A citrus soy sauce.\",\"instructions\":\"Stir together.\"}", 201);
    assertThat(invalidatedTables(recipe.report())).as("tables invalidated by POST /api/recipes\n%s",
        describe(recipe.report())).containsExactly("recipe");
    assertThat(redis.tableVersion("recipe")).as("the version of recipe").isNotEqualTo(recipeVersion);
    String afterRecipe = awaitStaleListing("recipe");
    assertThat(afterRecipe).contains(recipe.body()).isEqualTo(demo.get("/api/recipes").body());
    awaitHit(demo, reports, LISTING);

    long id = JSON.readTree(recipe.body()).path("id").asLong();
    String path = "/api/recipes/" + id + "/ingredients";
    Written ingredient =
        write(demo, reports, "POST", path, "{\"food\":\"yuzu juice\",\"amount\":3,\"unit\":\"tbsp\"}", 201);
    assertThat(invalidatedTables(ingredient.report()))
        .as("tables invalidated by POST %s (a new food, then the ingredient)\n%s", path, describe(ingredient.report()))
        .containsExactly("food", "ingredient");
    String afterIngredient = awaitStaleListing("food", "ingredient");
    assertThat(afterIngredient).contains("\"ingredients\":[" + ingredient.body() + "]")
        .isEqualTo(demo.get("/api/recipes").body());
    awaitHit(demo, reports, LISTING);
  }

  /**
   * A write the ORM never sees: {@code PUT /api/foods/{id}} renames a food with a hand-written {@code update} through
   * JdbcTemplate, with autocommit. Its report lists {@code food}, and the next listing is stale and shows the new
   * name; the cached names, which never read {@code food}, stay a hit.
   */
  @Test
  @Order(7)
  void aJdbcTemplateUpdateInvalidatesTheFoodTableAndLeavesReadsOfOtherTablesHits() throws Exception {
    awaitHit(demo, reports, NAMES);
    awaitHit(demo, reports, LISTING);
    long mirin = database.foodId("mirin");

    Written rename = write(demo, reports, "PUT", "/api/foods/" + mirin, "{\"name\":\"hon mirin\"}", 200);

    assertThat(rename.body()).isEqualTo("{\"id\":" + mirin + ",\"name\":\"hon mirin\"}");
    assertThat(invalidatedTables(rename.report())).as("tables invalidated by the rename\n%s", describe(rename.report()))
        .containsExactly("food");
    String listing = awaitStaleListing("food");
    assertThat(listing).contains("\"food\":\"hon mirin\"").doesNotContain("\"food\":\"mirin\"")
        .isEqualTo(demo.get("/api/recipes").body());
    assertThat(call(demo, reports, NAMES).outcome()).as("the names after a write to food").isEqualTo("hit");
  }

  /**
   * Two JVMs with the agent, one Redis, one database, as two instances of an application behind a load balancer: a
   * second demo (B) starts on the first one's (A) data, and its seeding adds nothing. B renames a food; A's next
   * listing is stale and fresh, A's names stay a hit, and B is then served the entry that A stored.
   */
  @Test
  @Order(8)
  void aWriteInOneJvmMakesTheOtherJvmsEntriesThatReadTheTableStaleAndNoOthers() throws Exception {
    long recipes = database.count("recipe");
    long foods = database.count("food");
    long ingredients = database.count("ingredient");
    ReportDirectory reportsOfB = ReportDirectory.fresh(WORK_DIR.resolve("reports").resolve(jdk.label() + "-b"));

    try (DemoProcess b = DemoProcess.start("second demo with agent on " + jdk, jdk, DEMO_JAR,
        agentOptions + reportsOfB.path(), demoEnvironment, logFile(jdk.label() + "-agent-b"))) {
      assertThat(List.of(database.count("recipe"), database.count("food"), database.count("ingredient")))
          .as("rows of recipe, food, ingredient after B's start: its seeding adds nothing\n%s", b.outputTail(40))
          .containsExactly(recipes, foods, ingredients);
      awaitHit(demo, reports, LISTING);
      awaitHit(demo, reports, NAMES);

      long sake = database.foodId("sake");
      Written rename = write(b, reportsOfB, "PUT", "/api/foods/" + sake, "{\"name\":\"junmai sake\"}", 200);
      assertThat(invalidatedTables(rename.report())).as("tables B invalidated\n%s", describe(rename.report()))
          .containsExactly("food");

      String listing = awaitStaleListing("food");
      assertThat(listing).as("A's listing after B's write").contains("\"food\":\"junmai sake\"")
          .doesNotContain("\"food\":\"sake\"").isEqualTo(demo.get("/api/recipes").body());
      assertThat(call(demo, reports, NAMES).outcome()).as("A's names after B's write to food").isEqualTo("hit");

      awaitHit(demo, reports, LISTING);
      CacheCall ofB = call(b, reportsOfB, LISTING);
      assertThat(ofB.outcome()).as("B's first listing, once A's refill is in Redis\n%s", describe(ofB.report()))
          .isEqualTo("hit");
      assertThat(ofB.body()).isEqualTo(listing);
      assertThat(warnings(b)).as("warnings of B\n%s", b.outputTail(60)).isEmpty();
    }
  }

  @Test
  @Order(9)
  void jvmAndAgentPrintNoWarnings() {
    assertThat(warnings(demo)).as("warnings of the demo with the agent\n%s", demoOutput()).isEmpty();
  }

  /**
   * The query budget gate on this run's own reports, as a CI job runs it: {@code java -jar querylens-agent.jar check}
   * with demo-app/querylens-budget.properties, which allows the naive listing its N+1 and forbids N+1 everywhere
   * else, passes (exit code 0); a stricter budget that forbids the listing's N+1 fails (exit code 1) and names the
   * endpoint and the call site of the statement run in a loop. The jar runs on this subclass's JDK.
   */
  @Test
  @Order(10)
  void theReportsAreWithinTheDemosQueryBudgetAndAStricterBudgetFailsNamingTheNPlusOne(@TempDir Path temp)
      throws Exception {
    AgentJarRun within = runAgentJar("check", reports.path().toString(), "--budget", BUDGET_FILE.toString());
    assertThat(within.exitCode()).as("%s", within).isZero();
    assertThat(within.output()).as("%s", within).startsWith("QueryLens budget check passed: ");

    Path stricter = Files.writeString(temp.resolve("stricter-budget.properties"),
        "default.n-plus-one=forbidden\nGET /api/recipes.max-queries=100\n");
    AgentJarRun over = runAgentJar("check", reports.path().toString(), "--budget", stricter.toString());
    assertThat(over.exitCode()).as("a budget forbidding every N+1: %s", over).isEqualTo(1);
    assertThat(over.output()).as("%s", over)
        .contains("N+1 FORBIDDEN GET /api/recipes: ")
        .contains("  request: GET /api/recipes at ")
        .contains("at " + nPlusOneCallSiteOfTheNaiveListing() + "\n")
        .contains("QueryLens budget check failed: ");
  }

  /** The agent jar run as a command ({@code java -jar}) on this subclass's JDK: exit code and merged output. */
  private static AgentJarRun runAgentJar(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(jdk.java().toString(), "-jar", AGENT_JAR.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    // The output is small (a few KB); reading it to the end before waiting keeps the pipe from filling.
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished\n%s", command, output).isTrue();
    return new AgentJarRun(String.join(" ", command), process.exitValue(), output);
  }

  private record AgentJarRun(String command, int exitCode, String output) {
    @Override
    public String toString() {
      return command + "\nexit code " + exitCode + ", output:\n" + output;
    }
  }

  /** The call site of the naive listing's N+1 statement, as its reports give it (Order 2 checked there is one). */
  private String nPlusOneCallSiteOfTheNaiveListing() throws Exception {
    try (var files = Files.list(reports.path())) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-GET-api_recipes.json")).toList()) {
        for (JsonNode statement : statements(JSON.readTree(file.toFile()))) {
          if (statement.path("nPlusOne").asBoolean(false)) {
            return statement.path("callSite").asString();
          }
        }
      }
    }
    throw new AssertionError("no report of GET /api/recipes with an N+1 statement in " + reports.path());
  }

  /**
   * JVM warnings, and the agent's. "Sharing is only supported for boot loader classes because bootstrap classpath
   * has been appended" is the one to expect from an agent that appends to the boot class path; any JVM warning means
   * one is printed to users. The agent warns once about what it cannot do: a {@code @Cached} method it runs uncached,
   * an entry it cannot read or write, a Redis it cannot reach. None of that should happen to the demo.
   */
  private static List<String> warnings(DemoProcess process) {
    return process.output().stream()
        .filter(line -> line.contains("VM warning") || line.startsWith("WARNING:")
            || line.contains(" WARN querylens ") || line.contains(" ERROR querylens "))
        .toList();
  }

  private static Map<String, HttpResult> recordResponsesWithoutAgent(Map<String, String> environment)
      throws Exception {
    Jdk jdk = Jdk.running();
    try (DemoProcess plain = DemoProcess.start("demo without agent on " + jdk, jdk, DEMO_JAR, null, environment,
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

  /**
   * GETs the cached listing of {@link #demo}, expects its report to show a {@code stale} miss caused by one of
   * {@code tables} (named in its detail) with the queries of a miss, and returns the body.
   */
  private String awaitStaleListing(String... tables) throws Exception {
    CacheCall call = call(demo, reports, LISTING);
    String described = describe(call.report());

    assertThat(call.outcome()).as("the listing after a write\n%s", described).isEqualTo("stale");
    assertThat(call.detail()).as("detail of the stale listing: the table that changed\n%s", described)
        .containsAnyOf(tables);
    assertThat(call.report().path("queries").path("count").asLong(-1)).as(described).isPositive();
    assertThat(call.report().path("cache").path("misses").asInt(-1)).as(described).isEqualTo(1);
    return call.body();
  }

  /**
   * Calls a cached read until its report says {@code hit}: its entry (a first fill or a refill after a stale miss)
   * has landed in Redis, so what the next call finds there is known.
   */
  private CacheCall awaitHit(DemoProcess process, ReportDirectory reportsOf, CachedRead read) throws Exception {
    long deadline = System.nanoTime() + REFILL_TIMEOUT.toNanos();
    CacheCall call = call(process, reportsOf, read);
    while (!call.outcome().equals("hit") && System.nanoTime() < deadline) {
      Thread.sleep(50);
      call = call(process, reportsOf, read);
    }
    assertThat(call.outcome()).as("%s within %d s\n%s", read.path(), REFILL_TIMEOUT.toSeconds(),
        describe(call.report())).isEqualTo("hit");
    return call;
  }

  /** GETs a cached read and returns its response with the report's one cache call. */
  private CacheCall call(DemoProcess process, ReportDirectory reportsOf, CachedRead read) throws Exception {
    Set<Path> before = reportsOf.snapshot();
    HttpResult response = process.get(read.path());
    JsonNode report = reportsOf.awaitNewReport(read.path(), before, () -> process.outputTail(60));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode call = onlyCacheCall(report, read);
    return new CacheCall(call.path("outcome").asString(), call.path("detail").asString(""), response.body(), report);
  }

  /** Sends a write (POST or PUT), checks its status, and returns the response body with the request's report. */
  private Written write(DemoProcess process, ReportDirectory reportsOf, String method, String path, String json,
      int expectedStatus) throws Exception {
    Set<Path> before = reportsOf.snapshot();
    HttpResult response = method.equals("PUT") ? process.put(path, json) : process.post(path, json);
    assertThat(response.status()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
    return new Written(response.body(), reportsOf.awaitNewReport(path, before, () -> process.outputTail(60)));
  }

  /** {@code cache.invalidatedTables} of a report: the tables its writes invalidated, sorted. */
  private static List<String> invalidatedTables(JsonNode report) {
    List<String> tables = new ArrayList<>();
    report.path("cache").path("invalidatedTables").forEach(table -> tables.add(table.asString()));
    return tables;
  }

  /** A {@code @Cached} read of the demo: the path that calls it, its cache and its method as reports name them. */
  private record CachedRead(String path, String cache, String method) {}

  /** A write's response body and its report. */
  private record Written(String body, JsonNode report) {}

  /** One call of a cached read: the outcome and detail its report gives, the response body, the whole report. */
  private record CacheCall(String outcome, String detail, String body, JsonNode report) {}

  /** The report's one {@code @Cached} call, checked to be the listing's. */
  private JsonNode onlyCacheCall(JsonNode report) {
    return onlyCacheCall(report, LISTING);
  }

  /** The report's one {@code @Cached} call, checked to be {@code read}'s. */
  private JsonNode onlyCacheCall(JsonNode report, CachedRead read) {
    String described = describe(report);
    JsonNode calls = report.path("cache").path("calls");
    assertThat(calls.size()).as("cache.calls: one call of %s\n%s", read.method(), described).isEqualTo(1);
    JsonNode call = calls.get(0);
    assertThat(call.path("cache").asString()).as(described).isEqualTo(read.cache());
    assertThat(call.path("method").asString()).as(described).isEqualTo(read.method());
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
