package io.querylens.agent.bridge;

import io.querylens.agent.request.ThreadContext;

/**
 * Where the woven JDBC calls report what automatic invalidation needs: every statement executed (on any thread, in a request
 * or not) and the end of every transaction. Until invalidation is wired at start-up, or when it is off, nothing is
 * reported and the JDBC path stays as cheap as without it.
 */
public final class TableBridge {
  /** Implemented by invalidation's write tracker. */
  public interface Watcher {
    /** After the outermost execute of a statement, or of one SQL string of a batch; {@code sql} may be null. */
    void executed(ThreadContext thread, Object statement, String sql, boolean failed);

    /** After {@code commit()} (committed true), {@code rollback()}, {@code setAutoCommit(true)} or {@code close()}. */
    void transactionEnded(ThreadContext thread, Object connection, Ending ending);
  }

  /** How a connection's transaction ended, as far as the agent can tell. */
  public enum Ending { COMMIT, FAILED_COMMIT, ROLLBACK, AUTO_COMMIT_ON, CLOSE }

  static volatile Watcher watcher;

  private TableBridge() {}

  public static void install(Watcher tableWatcher) {
    watcher = tableWatcher;
  }

  public static boolean isWatching() {
    return watcher != null;
  }

  public static void commit(Object connection, Throwable thrown) {
    ended(connection, thrown == null ? Ending.COMMIT : Ending.FAILED_COMMIT);
  }

  public static void rollback(Object connection, Throwable thrown) {
    if (thrown == null) {
      ended(connection, Ending.ROLLBACK);
    }
  }

  public static void autoCommit(Object connection, boolean on, Throwable thrown) {
    if (on && thrown == null) {
      ended(connection, Ending.AUTO_COMMIT_ON);
    }
  }

  public static void close(Object connection) {
    ended(connection, Ending.CLOSE);
  }

  private static void ended(Object connection, Ending ending) {
    Watcher current = watcher;
    if (current == null) {
      return;
    }
    try {
      current.transactionEnded(ThreadContext.current(), connection, ending);
    } catch (Throwable failure) {
      AgentFailures.record("jdbc.transaction", failure);
    }
  }
}
