package io.querylens.agent.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The live viewer: the JDK's HTTP server, read-only, on one daemon thread.
 *
 * <p>Reports hold SQL, paths and call sites, so the page is for the people running the application. On a loopback
 * address it answers only requests whose {@code Host} is a loopback name, so that a web page in the same browser
 * cannot read it through DNS rebinding. On any other address every request must carry the token printed in the
 * start-up line (the page passes it on), as Jupyter does.
 */
public final class ViewerServer {
  private static final String TOKEN_HEADER = "X-QueryLens-Token";

  private final LiveReports reports;
  private final String token;
  private final boolean loopback;
  private final HttpServer server;

  private ViewerServer(HttpServer server, LiveReports reports, String token, boolean loopback) {
    this.server = server;
    this.reports = reports;
    this.token = token;
    this.loopback = loopback;
  }

  /**
   * Binds and starts the server. Call it on a daemon thread: the JDK's dispatcher thread takes its daemon flag from
   * the thread that starts it, and a viewer must never keep the application's JVM alive.
   *
   * @param capacity how many reports the viewer holds ({@code reports.max-files})
   * @param onWritten where the report writer is to hand over each file it writes
   */
  public static ViewerServer start(String host, int port, java.nio.file.Path directory, int capacity,
      Consumer<Consumer<java.nio.file.Path>> onWritten) throws IOException {
    InetAddress address = InetAddress.getByName(host);
    boolean loopback = address.isLoopbackAddress();
    LiveReports reports = new LiveReports(directory, capacity);
    onWritten.accept(reports);
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 16);
    ViewerServer viewer = new ViewerServer(server, reports, loopback ? null : newToken(), loopback);
    server.createContext("/", viewer::handle);
    // No executor: requests are served on the dispatcher thread itself, the only thread the viewer adds.
    server.setExecutor(null);
    server.start();
    return viewer;
  }

  /** The address to open, with the token when one is needed. */
  public String url() {
    InetSocketAddress bound = server.getAddress();
    String host = bound.getAddress().isAnyLocalAddress()
        ? hostName() : bound.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + bound.getPort() + "/" + (token == null ? "" : "?token=" + token);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      securityHeaders(exchange);
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain", "read-only: GET and HEAD only\n");
        return;
      }
      if (loopback && !isLoopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
        send(exchange, 403, "text/plain", "open the viewer as localhost or 127.0.0.1\n");
        return;
      }
      URI uri = exchange.getRequestURI();
      if (token != null && !tokenMatches(exchange, uri)) {
        send(exchange, 403, "text/plain", "the viewer needs the token printed in the QueryLens start-up line\n");
        return;
      }
      switch (uri.getPath()) {
        case "/", "/index.html" -> send(exchange, 200, "text/html", ViewerPage.live());
        case "/api/reports" -> send(exchange, 200, "application/json", reports.after(cursor(uri)));
        default -> send(exchange, 404, "text/plain", "not found\n");
      }
    } catch (Throwable failure) {
      // The page retries; the application must not hear of it.
      io.querylens.agent.bridge.AgentFailures.record("ui.request", failure);
    }
  }

  private static void securityHeaders(HttpExchange exchange) {
    var headers = exchange.getResponseHeaders();
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    // The token travels in the address: never in a Referer.
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Content-Security-Policy", ViewerPage.LIVE_CONTENT_SECURITY_POLICY);
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private boolean tokenMatches(HttpExchange exchange, URI uri) {
    String given = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
    if (given == null) {
      given = queryParameter(uri, "token");
    }
    return given != null && MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  static boolean isLoopbackHost(String hostHeader) {
    if (hostHeader == null) {
      return false;
    }
    String host = hostHeader.toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      return host.startsWith("[::1]");
    }
    int colon = host.indexOf(':');
    host = colon < 0 ? host : host.substring(0, colon);
    return host.equals("localhost") || host.equals("127.0.0.1");
  }

  private static long cursor(URI uri) {
    String after = queryParameter(uri, "after");
    try {
      return after == null ? -1 : Long.parseLong(after);
    } catch (NumberFormatException notANumber) {
      return -1;
    }
  }

  private static String queryParameter(URI uri, String name) {
    String query = uri.getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static String newToken() {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException unknown) {
      return "localhost";
    }
  }
}
