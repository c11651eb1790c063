package io.querylens.it;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * A real embedded Tomcat on a free loopback port whose servlet runs a named JDBC scenario per path
 * ({@code /scenario/<name>}), behind a filter, so that the agent sees the same filter-then-servlet nesting as in an
 * application.
 */
public final class ScenarioServer implements AutoCloseable {
  /** What a scenario does inside the request; its return value becomes the response body. */
  public interface Scenario {
    String run(HttpServletRequest request) throws Exception;
  }

  private static final Map<String, Scenario> SCENARIOS = new ConcurrentHashMap<>();

  private final Tomcat tomcat;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final int port;

  public ScenarioServer() throws IOException, LifecycleException {
    tomcat = new Tomcat();
    tomcat.setHostname("127.0.0.1");
    tomcat.setPort(0);
    tomcat.setBaseDir(Files.createTempDirectory("querylens-tomcat").toString());
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "scenarios", new ScenarioServlet());
    context.addServletMappingDecoded("/scenario/*", "scenarios");
    Tomcat.addServlet(context, "forwarder", new ForwardingServlet());
    context.addServletMappingDecoded("/forward/*", "forwarder");
    FilterDef filter = new FilterDef();
    filter.setFilterName("passThrough");
    filter.setFilter(new PassThroughFilter());
    context.addFilterDef(filter);
    FilterMap mapping = new FilterMap();
    mapping.setFilterName("passThrough");
    mapping.addURLPatternDecoded("/*");
    context.addFilterMap(mapping);
    tomcat.start();
    port = tomcat.getConnector().getLocalPort();
  }

  public void register(String name, Scenario scenario) {
    SCENARIOS.put(name, scenario);
  }

  /** GETs {@code path} and returns the response, failing the test on a transport error. */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws LifecycleException {
    tomcat.stop();
    tomcat.destroy();
  }

  static final class ScenarioServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      String name = request.getPathInfo().substring(1);
      Scenario scenario = SCENARIOS.get(name.contains("/") ? name.substring(0, name.indexOf('/')) : name);
      if (scenario == null) {
        response.sendError(404, "no scenario " + name);
        return;
      }
      try {
        String body = scenario.run(request);
        response.setContentType("text/plain");
        response.getWriter().write(body == null ? "" : body);
      } catch (Exception e) {
        response.setStatus(500);
        response.getWriter().write(e.getClass().getName() + ": " + e.getMessage());
      }
    }
  }

  /** Forwards {@code /forward/<name>} to {@code /scenario/<name>}: a nested dispatch inside one request. */
  static final class ForwardingServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws ServletException, IOException {
      request.getRequestDispatcher("/scenario" + request.getPathInfo()).forward(request, response);
    }
  }

  static final class PassThroughFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      chain.doFilter(request, response);
    }
  }
}
