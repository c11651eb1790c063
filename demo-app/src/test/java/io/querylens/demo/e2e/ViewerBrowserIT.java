package io.querylens.demo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report viewer as a person sees it, in a real headless browser: Debian's {@code chromium} driven through its
 * {@code chromedriver}, both given by path so nothing is downloaded (.ci/run installs the two packages; where they are
 * missing every test here is skipped, saying so). The demo runs with {@code -javaagent:...=ui.port=<port>}; the tests
 * make requests and look at the live page, then write the same page as a file with {@code html} and open it with the
 * browser's network off. The screenshots README and docs/READING-REPORTS.md show are taken here ({@code target/e2e/screenshots/}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ViewerBrowserIT {
  private static final Path CHROMIUM = Path.of(System.getProperty("querylens.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("querylens.chromedriver", "/usr/bin/chromedriver"));
  private static final Path AGENT_JAR = Path.of(System.getProperty("querylens.agent.jar"));
  private static final Path DEMO_JAR = Path.of(System.getProperty("querylens.demo.jar"));
  private static final Path WORK_DIR = Path.of(System.getProperty("querylens.it.work.dir")).resolve("viewer");
  private static final Path SCREENSHOTS = WORK_DIR.resolve("screenshots");
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static TestRedis redis;
  private static DemoProcess demo;
  private static ChromeDriver browser;
  private static Path reports;
  private static String viewerUrl;

  @BeforeAll
  static void startDemoAndBrowser() throws Exception {
    String missing = !Files.isExecutable(CHROMEDRIVER) ? CHROMEDRIVER.toString()
        : !Files.isExecutable(CHROMIUM) ? CHROMIUM.toString() : null;
    if (missing != null) {
      System.out.println("ViewerBrowserIT: SKIPPED, no browser on this machine: " + missing + " is missing "
          + "(apt-get install chromium chromium-driver; .ci/run installs them)");
    }
    assumeTrue(missing == null, "no browser: " + missing + " is missing (apt-get install chromium chromium-driver)");

    reports = ReportDirectory.fresh(WORK_DIR.resolve("reports")).path();
    Files.createDirectories(SCREENSHOTS);
    redis = TestRedis.start();
    int uiPort = DemoProcess.freeLoopbackPort();
    demo = DemoProcess.start("demo with the viewer", Jdk.running(), DEMO_JAR,
        "-javaagent:" + AGENT_JAR + "=reports.dir=" + reports + ",ui.port=" + uiPort,
        Map.of("QUERYLENS_REDIS_URL", redis.url()), WORK_DIR.resolve("demo.log"));
    viewerUrl = "http://127.0.0.1:" + uiPort + "/";
    assertThat(demo.output()).as("the start-up line gives the viewer's address")
        .anyMatch(line -> line.contains("QueryLens viewer: " + viewerUrl));

    for (String path : List.of("/api/recipes", "/api/recipes", "/api/recipes/cached", "/api/recipes/cached",
        "/api/recipes/1", "/api/recipes/2")) {
      assertThat(demo.get(path).status()).as(path).isEqualTo(200);
    }
    browser = startBrowser();
  }

  @AfterAll
  static void stopAll() {
    if (browser != null) {
      browser.quit();
    }
    if (demo != null) {
      demo.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  @Order(1)
  void theEndpointsTableListsEachEndpointWorstFirstWithTheNPlusOne() {
    browser.get(viewerUrl);
    WebElement naive = await(By.cssSelector("#endpoints tr[data-endpoint='GET /api/recipes']"));
    List<WebElement> rows = browser.findElements(By.cssSelector("#endpoints tbody tr"));
    assertThat(rows.get(0).getAttribute("data-endpoint")).as("worst first").isEqualTo("GET /api/recipes");
    assertThat(rows).extracting(row -> row.getAttribute("data-endpoint"))
        .contains("GET /api/recipes/cached", "GET /api/recipes/{id}");
    assertThat(naive.findElement(By.cssSelector(".badge.nplusone")).getText()).isEqualTo("2 statements");
    assertThat(naive.findElements(By.tagName("td")).get(1).getText()).as("requests").isEqualTo("2");
    WebElement cached = browser.findElement(By.cssSelector("#endpoints tr[data-endpoint='GET /api/recipes/cached']"));
    assertThat(cached.getText()).as("one hit of two calls").contains("50% of 2");

    // The before/after chart: the naive listing against its cached variant, "N queries, then 0".
    assertThat(selectedValue("compare-a")).isEqualTo("GET /api/recipes");
    assertThat(selectedValue("compare-b")).isEqualTo("GET /api/recipes/cached");
    WebElement queries = browser.findElement(By.cssSelector("#compare svg.compare-chart"));
    assertThat(Double.parseDouble(queries.findElement(By.cssSelector("rect.bar-a")).getAttribute("height")))
        .isGreaterThan(50);
    assertThat(queries.findElements(By.tagName("text"))).extracting(WebElement::getText).contains("0");

    browser.findElement(By.id("filter")).sendKeys("cached");
    assertThat(browser.findElements(By.cssSelector("#endpoints tbody tr"))).hasSize(1);
    browser.findElement(By.id("filter")).clear();
    browser.navigate().refresh();
    await(By.cssSelector("#endpoints tr[data-endpoint='GET /api/recipes']"));
    screenshot("viewer-endpoints.png");
  }

  @Test
  @Order(2)
  void anEndpointShowsItsRequestsOverTimeInAChart() {
    browser.findElement(By.cssSelector("#endpoints tr[data-endpoint='GET /api/recipes']")).click();
    WebElement line = await(By.cssSelector("#endpoint-chart svg[data-series='queries'] path.series-queries"));
    assertThat(line.getAttribute("d")).as("one point per request").matches("M[^L]+L[^L]+");
    assertThat(browser.findElements(By.cssSelector("#endpoint-chart svg[data-series='dbtime'] circle"))).hasSize(2);
    assertThat(browser.findElements(By.cssSelector("#requests tbody tr"))).hasSize(2);
    assertThat(browser.findElement(By.id("endpoint-nplusone")).getText()).contains("RecipeService");
    screenshot("viewer-endpoint.png");
  }

  @Test
  @Order(3)
  void aRequestListsItsStatementsWithTheNPlusOneBadgeAndCallSite() {
    browser.findElement(By.cssSelector("#requests tbody tr")).click();
    await(By.id("statements"));
    List<WebElement> statements = browser.findElements(By.cssSelector("#statements tbody tr"));
    assertThat(statements).hasSizeGreaterThanOrEqualTo(2);
    WebElement nPlusOne = statements.stream()
        .filter(row -> !row.findElements(By.cssSelector(".badge.nplusone")).isEmpty()).findFirst().orElseThrow();
    assertThat(nPlusOne.findElement(By.cssSelector(".sql")).getText()).contains("from ingredient");
    assertThat(nPlusOne.findElement(By.cssSelector(".site")).getText()).contains("RecipeService.toDto(");
    assertThat(browser.findElement(By.id("request-queries")).getText()).matches("\\d+ queries");
    screenshot("viewer-request.png");
  }

  @Test
  @Order(4)
  void aCachedRequestShowsItsCallsAndTheQueriesTheHitAvoided() {
    browser.get(viewerUrl + "#/endpoint/" + "GET%20%2Fapi%2Frecipes%2Fcached");
    await(By.cssSelector("#requests tbody tr"));
    // Newest first: the second call, the hit.
    browser.findElement(By.cssSelector("#requests tbody tr")).click();
    WebElement cache = await(By.id("cache-calls"));
    assertThat(cache.findElement(By.cssSelector(".badge.hit")).getText()).isEqualTo("hit");
    assertThat(browser.findElement(By.id("cache")).getText()).containsPattern("Queries avoided by hits: [1-9]");
    screenshot("viewer-cache.png");
  }

  @Test
  @Order(5)
  void aNewRequestAppearsWithoutAReload() throws Exception {
    browser.get(viewerUrl);
    await(By.cssSelector("#endpoints tr[data-endpoint='GET /api/recipes']"));
    ((JavascriptExecutor) browser).executeScript("window.sameDocument = true");
    assertThat(browser.findElements(By.cssSelector("#endpoints tr[data-endpoint='GET /api/recipes/fetch-join']")))
        .isEmpty();

    assertThat(demo.get("/api/recipes/fetch-join").status()).isEqualTo(200);

    await(By.cssSelector("#endpoints tr[data-endpoint='GET /api/recipes/fetch-join']"));
    assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument")).isEqualTo(true);
  }

  @Test
  @Order(6)
  void theWrittenPageOpensFromAFileWithTheNetworkOff() throws Exception {
    Path page = WORK_DIR.resolve("querylens.html");
    Process html = new ProcessBuilder(Jdk.running().java().toString(), "-jar", AGENT_JAR.toString(), "html",
        reports.toString(), "-o", page.toString()).redirectErrorStream(true).start();
    String output = new String(html.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(html.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(html.exitValue()).as(output).isZero();
    long written;
    try (var files = Files.list(reports)) {
      written = files.filter(file -> file.getFileName().toString().endsWith(".json")).count();
    }
    assertThat(output).startsWith("Wrote " + page + ": " + written + " requests");

    ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
    offline.setOffline(true);
    browser.setNetworkConditions(offline);
    try {
      browser.get(page.toUri().toString());
      await(By.cssSelector("#endpoints tr[data-endpoint='GET /api/recipes/fetch-join']"));
      assertThat(browser.findElement(By.id("status")).getText()).isEqualTo(written + " requests");
      Object fetched = ((JavascriptExecutor) browser)
          .executeScript("return performance.getEntriesByType('resource').length");
      assertThat(fetched).as("resources the page loaded").isEqualTo(0L);
    } finally {
      browser.deleteNetworkConditions();
    }
  }

  private static ChromeDriver startBrowser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // The flags this machine needs (see the environment notes): no sandbox as root, and no background traffic,
    // whose connections the closed network refuses.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1300,900");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(WORK_DIR.resolve("chromedriver.log").toFile())
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1300, 900));
    return driver;
  }

  private static WebElement await(By locator) {
    return new WebDriverWait(browser, WAIT).until(driver -> {
      List<WebElement> found = driver.findElements(locator);
      return found.isEmpty() ? null : found.get(0);
    });
  }

  private static String selectedValue(String selectId) {
    return (String) ((JavascriptExecutor) browser)
        .executeScript("return document.getElementById(arguments[0]).value", selectId);
  }

  private static void screenshot(String name) {
    try {
      File taken = browser.getScreenshotAs(OutputType.FILE);
      Files.copy(taken.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
