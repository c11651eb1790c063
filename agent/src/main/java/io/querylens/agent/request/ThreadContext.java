package io.querylens.agent.request;

/**
 * What the agent keeps per thread: the open request, if any, how deep the thread is inside instrumented execute
 * calls, and the state of automatic invalidation (its transactions' uncommitted writes, the tables read by the
 * {@code @Cached} methods running on it). One thread-local read gives all three to the woven JDBC calls.
 *
 * <p>Only its own thread touches a context, so nothing here is synchronized.
 */
public final class ThreadContext {
  private static final ThreadLocal<ThreadContext> CURRENT = ThreadLocal.withInitial(ThreadContext::new);

  RequestScope request;

  /**
   * A pool's proxy statement (HikariCP) delegating to the driver's statement is two nested executes and must count
   * once, timed from the outermost; so must a write be seen once.
   */
  private int executeDepth;
  private long executeStartNanos;

  /** Invalidation's per-thread state, created by it on first use; opaque here. */
  private Object tables;

  private ThreadContext() {}

  public static ThreadContext current() {
    return CURRENT.get();
  }

  /** The thread's open request, or null. */
  public RequestScope request() {
    return request;
  }

  /** @return true if this is the outermost execute */
  public boolean enterExecute() {
    if (executeDepth++ == 0) {
      if (request != null) {
        executeStartNanos = System.nanoTime();
      }
      return true;
    }
    return false;
  }

  /**
   * @return -1 unless the outermost execute just ended; then its elapsed nanoseconds inside a request, 0 outside
   */
  public long exitExecute() {
    if (--executeDepth == 0) {
      return request != null ? System.nanoTime() - executeStartNanos : 0;
    }
    if (executeDepth < 0) {
      executeDepth = 0; // an enter was lost to a failure; never let one bad call skew the rest of the thread's calls
    }
    return -1;
  }

  public Object tables() {
    return tables;
  }

  public void tables(Object state) {
    this.tables = state;
  }
}
