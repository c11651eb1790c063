package io.querylens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The request boundary of older applications: {@code javax.servlet} on a real Jetty 9.4. */
class JavaxServletIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String URL = "jdbc:h2:mem:javax;DB_CLOSE_DELAY=-1";
  private static Server jetty;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    try (Connection connection = DriverManager.getConnection(URL)) {
      connection.createStatement().execute("create table thing (id int primary key)");
    }
    jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new QueryServlet()), "/javax/*");
    jetty.setHandler(context);
    jetty.start();
    port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.stop();
  }

  static final class QueryServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      try (Connection connection = DriverManager.getConnection(URL)) {
        for (int i = 0; i < 4; i++) {
          try (PreparedStatement select = connection.prepareStatement("select id from thing where id = ?")) {
            select.setInt(1, i);
            select.executeQuery().close();
          }
        }
      } catch (SQLException e) {
        throw new IOException(e);
      }
      if (request.getPathInfo().startsWith("/boom")) {
        throw new IllegalStateException("the application's own failure");
      }
      response.setStatus(201);
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void javaxRequestsAreReported() throws Exception {
    assertEquals(201, get("/javax/ok/" + RUN).statusCode());
    JsonNode report = Reports.awaitOne("/javax/ok/" + RUN);
    assertEquals(201, report.path("request").path("status").asInt());
    assertEquals(4, report.path("queries").path("count").asInt(), report::toPrettyString);
  }

  @Test
  void anExceptionEscapingTheServletIsA500AndReachesTheContainerUnchanged() throws Exception {
    HttpResponse<String> response = get("/javax/boom/" + RUN);
    assertEquals(500, response.statusCode());
    JsonNode report = Reports.awaitOne("/javax/boom/" + RUN);
    assertEquals(500, report.path("request").path("status").asInt());
    assertEquals(4, report.path("queries").path("count").asInt());
  }
}
