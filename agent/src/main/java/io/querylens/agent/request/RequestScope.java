package io.querylens.agent.request;


/**
 * The state of one HTTP request on its thread: opened by the outermost servlet call, fed by the JDBC calls, closed when
 * that servlet call returns and then handed, unchanged from then on, to the report writer.
 *
 * <p>Only the request's own thread touches a scope while it is open, so nothing here is synchronized; the hand-off to
 * the writer thread goes through a blocking queue, which publishes the final state safely.
 */
public final class RequestScope {
  private final String method;
  private final String path;
  private final String threadName;
  private final long startedAtMillis;
  private final long startNanos;
  private final QueryLog queries;
  private final CacheLog cache = new CacheLog();

  private int status;
  private long durationNanos;

  private RequestScope(String method, String path, QueryLog queries) {
    this.method = method;
    this.path = path;
    this.queries = queries;
    this.threadName = Thread.currentThread().getName();
    this.startedAtMillis = System.currentTimeMillis();
    this.startNanos = System.nanoTime();
  }

  /** The open request of this thread, or null outside a request: the one check every woven JDBC call pays for. */
  public static RequestScope current() {
    return ThreadContext.current().request;
  }

  public static RequestScope open(String method, String path, QueryLog queries) {
    RequestScope scope = new RequestScope(method, path, queries);
    ThreadContext.current().request = scope;
    return scope;
  }

  public void close(int status) {
    ThreadContext.current().request = null;
    this.durationNanos = System.nanoTime() - startNanos;
    this.status = status;
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
