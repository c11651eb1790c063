package io.querylens.agent.bridge;

import io.querylens.agent.request.QueryLog;
import io.querylens.agent.request.RequestScope;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** The entry points servlet advice calls at the request boundary. */
public final class WebBridge {
  private static volatile Consumer<RequestScope> sink;
  private static volatile Function<String, String> fingerprints;
  private static volatile Supplier<String> callSites;
  private static volatile int maxStatements;
  private static volatile boolean trackDuplicates = true;

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
