package io.querylens.agent.bridge;

import io.querylens.agent.cache.CacheLog;
import io.querylens.agent.jdbc.QueryLog;

/**
 * The state of one HTTP request on its thread: opened by the outermost servlet call, fed by JDBC advice, closed when
 * that servlet call returns and then handed, unchanged from then on, to the report writer.
 *
 * <p>Only the request's own thread touches a scope while it is open, so nothing here is synchronized; the hand-off to
 * the writer thread goes through a blocking queue, which publishes the final state safely.
 */
public final class RequestScope {
  private static final ThreadLocal<RequestScope> CURRENT = new ThreadLocal<>();

  private final String method;
  private final String path;
  private final String threadName;
  private final long startedAtMillis;
  private final long startNanos;
  private final QueryLog queries;
  private final CacheLog cache = new CacheLog();

  private int status;
  private long durationNanos;

  /**
   * How deep the thread is inside instrumented execute calls: a pool's proxy statement (HikariCP) delegating to the
   * driver's statement is two nested executes and must count once, timed from the outermost.
   */
  private int executeDepth;
  private long executeStartNanos;

  private RequestScope(String method, String path, QueryLog queries) {
    this.method = method;
    this.path = path;
    this.queries = queries;
    this.threadName = Thread.currentThread().getName();
    this.startedAtMillis = System.currentTimeMillis();
    this.startNanos = System.nanoTime();
  }

  /** The open request of this thread, or null outside a request: the one check every JDBC advice pays for. */
  public static RequestScope current() {
    return CURRENT.get();
  }

  static RequestScope open(String method, String path, QueryLog queries) {
    RequestScope scope = new RequestScope(method, path, queries);
    CURRENT.set(scope);
    return scope;
  }

  void close(int status) {
    CURRENT.remove();
    this.durationNanos = System.nanoTime() - startNanos;
    this.status = status;
  }

  /** @return true if this is the outermost execute, whose time and SQL are recorded */
  boolean enterExecute() {
    if (executeDepth++ == 0) {
      executeStartNanos = System.nanoTime();
      return true;
    }
    return false;
  }

  /** @return the elapsed nanoseconds if the outermost execute just ended, otherwise -1 */
  long exitExecute() {
    if (--executeDepth == 0) {
      return System.nanoTime() - executeStartNanos;
    }
    if (executeDepth < 0) {
      executeDepth = 0; // an enter was lost to a failure; never let one bad call skew the rest of the request
    }
    return -1;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public String threadName() {
    return threadName;
  }

  public long startedAtMillis() {
    return startedAtMillis;
  }

  public long durationNanos() {
    return durationNanos;
  }

  public int status() {
    return status;
  }

  public QueryLog queries() {
    return queries;
  }

  public CacheLog cache() {
    return cache;
  }
}
