package io.querylens.agent.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.agent.view.KnownReports;
import io.querylens.agent.view.ReportFiles;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live viewer over real HTTP on a free loopback port, with report files written as the agent writes them. */
class ViewerServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<ViewerServer> servers = new ArrayList<>();
  private final AtomicReference<Consumer<Path>> writerListener = new AtomicReference<>();

  @TempDir
  Path reports;

  @AfterEach
  void stop() {
    servers.forEach(ViewerServer::stop);
  }

  @Test
  void servesThePageAndTheReportsAlreadyInTheFolder() throws Exception {
    KnownReports.writeTo(reports);
    ViewerServer viewer = start("127.0.0.1");

    HttpResponse<String> page = get(viewer, "/", null);
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'none'"));
    assertTrue(page.body().contains("<script id=\"querylens-data\" type=\"application/json\">null</script>"),
        "the live page carries no data: it asks for it");

    JsonNode all = JSON.readTree(get(viewer, "/api/reports?after=-1", null).body());
    assertEquals(10, all.get("requests").size());
    assertEquals(10, all.get("cursor").asLong());
    assertEquals("GET /api/recipes", all.get("endpoints").get(0).get("endpoint").asText(), "worst first");
    List<String> strings = new ArrayList<>();
    all.get("strings").forEach(string -> strings.add(string.asText()));
    assertEquals(1, strings.stream().filter(KnownReports.INGREDIENTS_SQL::equals).count(),
        "each SQL text is sent once however many requests ran it");
  }

  @Test
  void sendsOnlyTheReportsWrittenSinceTheCursor() throws Exception {
    ReportFiles files = new ReportFiles(reports);
    files.request("GET", "/api/recipes").statement(KnownReports.LIST_SQL, 1, 1, null).write();
    ViewerServer viewer = start("127.0.0.1");
    long cursor = JSON.readTree(get(viewer, "/api/reports?after=-1", null).body()).get("cursor").asLong();

    JsonNode nothingNew = JSON.readTree(get(viewer, "/api/reports?after=" + cursor, null).body());
    assertEquals(0, nothingNew.get("requests").size());
    assertFalse(nothingNew.has("endpoints"), "an unchanged table is not sent again");

    writerListener.get().accept(files.request("GET", "/api/foods/3").statement(KnownReports.FOOD_SQL, 1, 1, null)
        .write());
    JsonNode newer = JSON.readTree(get(viewer, "/api/reports?after=" + cursor, null).body());
    assertEquals(1, newer.get("requests").size());
    assertEquals("GET /api/foods/{id}", newer.get("requests").get(0).get("endpoint").asText());
    assertEquals(2, newer.get("endpoints").size());
  }

  @Test
  void isReadOnly() throws Exception {
    ViewerServer viewer = start("127.0.0.1");
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(viewer.url()))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void onLoopbackAnswersOnlyLoopbackHostNames() throws Exception {
    ViewerServer viewer = start("127.0.0.1");
    assertTrue(rawGet(viewer.port(), "localhost:" + viewer.port()).startsWith("HTTP/1.1 200"));
    // A page of another site whose name was rebound to 127.0.0.1 sends its own name.
    assertTrue(rawGet(viewer.port(), "attacker.example:" + viewer.port()).startsWith("HTTP/1.1 403"));
  }

  @Test
  void offLoopbackEveryRequestNeedsTheToken() throws Exception {
    ViewerServer viewer = start("0.0.0.0");
    String url = viewer.url();
    assertTrue(url.contains("?token="), url);
    String token = url.substring(url.indexOf("?token=") + 7);
    String local = "http://127.0.0.1:" + viewer.port();

    assertEquals(403, get(local + "/", null).statusCode());
    assertEquals(403, get(local + "/api/reports?after=-1", "wrong").statusCode());
    assertEquals(200, get(local + "/?token=" + token, null).statusCode());
    assertEquals(200, get(local + "/api/reports?after=-1", token).statusCode(), "the page sends it as a header");
  }

  @Test
  void startedFromADaemonThreadAddsOnlyADaemonThread() throws Exception {
    AtomicReference<ViewerServer> started = new AtomicReference<>();
    Thread starter = new Thread(() -> {
      try {
        started.set(start("127.0.0.1"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    starter.setDaemon(true);
    starter.start();
    starter.join();
    assertNotNull(started.get());
    Thread dispatcher = Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("HTTP-Dispatcher")).findFirst().orElseThrow();
    assertTrue(dispatcher.isDaemon(), "the viewer must never keep the application's JVM alive");
  }

  private ViewerServer start(String host) throws Exception {
    ViewerServer viewer = ViewerServer.start(host, 0, reports, 1000, writerListener::set);
    servers.add(viewer);
    return viewer;
  }

  private HttpResponse<String> get(ViewerServer viewer, String path, String token) throws Exception {
    return get("http://127.0.0.1:" + viewer.port() + path, token);
  }

  private HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      request.header("X-QueryLens-Token", token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String rawGet(int port, String hostHeader) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET / HTTP/1.1\r\nHost: " + hostHeader + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
