package io.querylens.demo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.querylens.demo.e2e.DemoProcess.HttpResult;
import java.nio.file.Path;
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
 * <p>What the numbers rest on: the demo's naive {@code GET /api/recipes} runs 1 + N + one query per food, and
 * {@code GET /api/stats/hibernate} reports Hibernate's own prepared-statement counter without running SQL itself
 * (both checked without the agent by {@code RecipeQueriesTest}). Failures print the report and the demo's output;
 * the full logs and reports stay in {@code target/e2e/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AgentEndToEndTest {

  /** The responses compared with and without the agent: JSON, the fetch-join variant, one recipe, the HTML page. */
  private static final List<String> COMPARED_PATHS =
      List.of("/api/recipes", "/api/recipes/fetch-join", "/api/recipes/1", "/cookbook");

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

    if (responsesWithoutAgent == null) {
      responsesWithoutAgent = recordResponsesWithoutAgent();
    }
    reports = ReportDirectory.fresh(WORK_DIR.resolve("reports").resolve(jdk.label()));
    String agentOption = "-javaagent:" + AGENT_JAR + "=reports.dir=" + reports.path();
    demo = DemoProcess.start("demo with agent on " + jdk, jdk, DEMO_JAR, agentOption, logFile(jdk.label() + "-agent"));
  }

  @AfterAll
  static void stopDemo() {
    if (demo != null) {
      demo.close();
      demo = null;
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

  @Test
  @Order(4)
  void responsesAreTheSameAsWithoutTheAgent() throws Exception {
    Map<String, HttpResult> withAgent = new LinkedHashMap<>();
    for (String path : COMPARED_PATHS) {
      withAgent.put(path, demo.get(path));
    }

    assertThat(withAgent).isEqualTo(responsesWithoutAgent);
  }

  @Test
  @Order(5)
  void jvmPrintsNoWarnings() {
    // "Sharing is only supported for boot loader classes because bootstrap classpath has been appended" is the one
    // to expect from an agent that appends to the boot class path; any JVM warning means one is printed to users.
    List<String> warnings = demo.output().stream()
        .filter(line -> line.contains("VM warning") || line.startsWith("WARNING:"))
        .toList();

    assertThat(warnings).as("JVM warnings in the output of the demo with the agent\n%s", demoOutput()).isEmpty();
  }

  private static Map<String, HttpResult> recordResponsesWithoutAgent() throws Exception {
    Jdk jdk = Jdk.running();
    try (DemoProcess plain =
        DemoProcess.start("demo without agent on " + jdk, jdk, DEMO_JAR, null, logFile(jdk.label() + "-no-agent"))) {
      Map<String, HttpResult> responses = new LinkedHashMap<>();
      for (String path : COMPARED_PATHS) {
        responses.put(path, plain.get(path));
      }
      // Sanity: the reference itself must be a working app, or "identical" would prove nothing.
      assertThat(responses.values()).as("responses without the agent").allMatch(r -> r.status() == 200);
      return responses;
    }
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
