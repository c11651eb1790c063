package io.querylens.agent.bridge;

import io.querylens.agent.request.QueryLog;
import io.querylens.agent.request.RequestScope;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** The entry points the calls woven into filters and servlets call at the request boundary. */
public final class WebBridge {
  private static volatile Consumer<RequestScope> sink;
  private static volatile Function<String, String> fingerprints;
  private static volatile Supplier<String> callSites;
  private static volatile int maxStatements;
  private static volatile boolean trackDuplicates = true;
  private static final ServletCalls JAKARTA = new ServletCalls("jakarta.servlet");
  private static final ServletCalls JAVAX = new ServletCalls("javax.servlet");

  private WebBridge() {}

  /**
   * Wired once at start-up; until then no request is opened.
   *
   * @param statementFingerprints a statement's SQL with its literals masked
   * @param applicationCallSites the application frame running now, or null
   * @param duplicates {@code reports.duplicates}: whether requests tell exact repeats
   */
  public static void install(Consumer<RequestScope> reportSink, Function<String, String> statementFingerprints,
      Supplier<String> applicationCallSites, int statementCap, boolean duplicates) {
    fingerprints = statementFingerprints;
    callSites = applicationCallSites;
    maxStatements = statementCap;
    trackDuplicates = duplicates;
    sink = reportSink;
  }

  /**
   * Opens a request unless this thread is already inside one (filters, forwards and includes nest inside the
   * outermost call and belong to its request).
   *
   * @return the new scope, to be passed to {@link #close}, or null if this call did not open one
   */
  public static RequestScope open(String method, String path) {
    try {
      if (sink == null || RequestScope.current() != null) {
        return null;
      }
      return RequestScope.open(method, path, new QueryLog(fingerprints, callSites, maxStatements, trackDuplicates));
    } catch (Throwable failure) {
      AgentFailures.record("web.open", failure);
      return null;
    }
  }

  /**
   * At the start of {@code jakarta.servlet} {@code Filter.doFilter} and {@code Servlet.service}: opens the request if
   * this is the outermost such call on the thread and a REQUEST dispatch (an ERROR or ASYNC dispatch is the container
   * calling back for a request that already had its report).
   *
   * @return the new scope, for {@link #closeJakarta}, or null
   */
  public static RequestScope openJakarta(Object request) {
    return JAKARTA.open(request);
  }

  /** At the end of the call {@link #openJakarta} was called for. */
  public static void closeJakarta(RequestScope scope, Object response, Throwable thrown) {
    JAKARTA.close(scope, response, thrown);
  }

  /** {@link #openJakarta} for {@code javax.servlet}. */
  public static RequestScope openJavax(Object request) {
    return JAVAX.open(request);
  }

  /** {@link #closeJakarta} for {@code javax.servlet}. */
  public static void closeJavax(RequestScope scope, Object response, Throwable thrown) {
    JAVAX.close(scope, response, thrown);
  }

  /** Closes the scope {@link #open} returned and hands it to the report writer. */
  public static void close(RequestScope scope, int status) {
    try {
      scope.close(status);
      sink.accept(scope);
    } catch (Throwable failure) {
      AgentFailures.record("web.close", failure);
    }
  }
}
