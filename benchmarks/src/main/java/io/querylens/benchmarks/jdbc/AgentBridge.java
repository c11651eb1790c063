package io.querylens.benchmarks.jdbc;

import io.querylens.agent.bridge.QueryLensStatement;
import io.querylens.agent.request.RequestScope;
import io.querylens.agent.bridge.WebBridge;

/**
 * The benchmark's only contact with the agent's classes, which exist only in JVMs started with the agent: the
 * benchmark calls in here only in {@link AgentMode#OUTSIDE} and {@link AgentMode#INSIDE}, so that a JVM without the
 * agent never loads this class and never fails to link it. Scopes travel as {@code Object} for the same reason.
 */
final class AgentBridge {
  private AgentBridge() {}

  /** Opens a request on this thread, as the servlet's woven call does for an incoming HTTP request. */
  static Object openRequest() {
    RequestScope scope = WebBridge.open("GET", "/bench");
    if (scope == null) {
      throw new IllegalStateException("the agent opened no request: it did not start (see its log above), or a"
          + " request is already open on this thread");
    }
    return scope;
  }

  /**
   * Closes the request and hands it to the report writer, after checking that the agent recorded each execute of
   * the iteration exactly once (a pool's proxy and the driver's statement beneath it are one execute).
   *
   * @throws IllegalStateException if the count differs: the benchmark would not measure what it claims to
   */
  static void closeRequest(Object request, long executes) {
    RequestScope scope = (RequestScope) request;
    int recorded = scope.queries().count();
    WebBridge.close(scope, 200);
    if (recorded != executes) {
      throw new IllegalStateException("the agent recorded " + recorded + " executes in an iteration of " + executes);
    }
  }

  /** @throws IllegalStateException if a request is open on this thread */
  static void requireNoRequest() {
    if (RequestScope.current() != null) {
      throw new IllegalStateException("a request is open on the benchmark thread in agent=OUTSIDE");
    }
  }

  /** @throws IllegalStateException if the agent did not instrument the statement's class */
  static void requireInstrumented(Object statement) {
    if (!(statement instanceof QueryLensStatement)) {
      throw new IllegalStateException("the agent did not instrument " + statement.getClass().getName());
    }
    if (((QueryLensStatement) statement).__querylensSql() == null) {
      throw new IllegalStateException("the agent did not see " + statement.getClass().getName() + " prepared");
    }
  }
}
