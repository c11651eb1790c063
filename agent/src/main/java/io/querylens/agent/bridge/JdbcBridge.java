package io.querylens.agent.bridge;

import io.querylens.agent.request.RequestScope;
import io.querylens.agent.request.ThreadContext;

/**
 * The entry points the calls woven into driver and pool classes call. Each one is cheap outside a request (one
 * thread-local read) and never throws.
 */
public final class JdbcBridge {
  private JdbcBridge() {}

  /** At the start of an execute: the thread's context, to be handed back to one of the exits; null if it failed. */
  public static ThreadContext enter() {
    try {
      ThreadContext thread = ThreadContext.current();
      thread.enterExecute();
      return thread;
    } catch (Throwable failure) {
      AgentFailures.record("jdbc.enter", failure);
      return null;
    }
  }

  /** At the end of {@code execute(String sql, ...)}-style calls, where the SQL is an argument. */
  public static void exitWithSql(ThreadContext thread, Object statement, String sql, Throwable thrown) {
    if (thread == null) {
      return;
    }
    try {
      long nanos = thread.exitExecute();
      if (nanos < 0) {
        return;
      }
      RequestScope scope = thread.request();
      if (scope != null) {
        scope.queries().record(sql, 0, nanos, thrown != null, -1);
      }
      TableBridge.Watcher watcher = TableBridge.watcher;
      if (watcher != null) {
        watcher.executed(thread, statement, sql, thrown != null);
      }
    } catch (Throwable failure) {
      AgentFailures.record("jdbc.execute", failure);
    }
  }

  /** At the end of a prepared statement's {@code execute()}: the SQL is the one it was prepared with. */
  public static void exitPrepared(ThreadContext thread, Object statement, Throwable thrown) {
    if (thread == null) {
      return;
    }
    try {
      long nanos = thread.exitExecute();
      if (nanos < 0) {
        return;
      }
      RequestScope scope = thread.request();
      TableBridge.Watcher watcher = TableBridge.watcher;
      if (scope == null && watcher == null) {
        return;
      }
      String sql = null;
      long parametersHash = 0;
      if (statement instanceof QueryLensStatement) {
        QueryLensStatement holder = (QueryLensStatement) statement;
        sql = holder.__querylensSql();
        StatementState state = holder.__querylensState();
        if (state != null && scope != null) {
          parametersHash = state.parametersHash();
        }
      }
      if (scope != null) {
        scope.queries().record(sql, parametersHash, nanos, thrown != null, -1);
      }
      if (watcher != null) {
        watcher.executed(thread, statement, sql, thrown != null);
      }
    } catch (Throwable failure) {
      AgentFailures.record("jdbc.execute-prepared", failure);
    }
  }

  /** At the end of {@code executeBatch()}: one execution, with the number of rows batched. */
  public static void exitBatch(ThreadContext thread, Object statement, Throwable thrown) {
    if (thread == null) {
      return;
    }
    try {
      long nanos = thread.exitExecute();
      if (nanos < 0) {
        // Not cleared here: the inner call may be the same statement (executeBatch delegating to executeLargeBatch),
        // whose batch the outer call still reads. A pool's inner driver statement keeps at most 64 SQL strings.
        return;
      }
      String sql = null;
      int batchSize = 0;
      StatementState state = null;
      if (statement instanceof QueryLensStatement) {
        QueryLensStatement holder = (QueryLensStatement) statement;
        state = holder.__querylensState();
        sql = holder.__querylensSql();
        if (state != null) {
          batchSize = state.batchSize();
        }
      }
      RequestScope scope = thread.request();
      if (scope != null) {
        scope.queries().record(sql != null || state == null ? sql : state.firstBatchSql(), 0, nanos,
            thrown != null, batchSize);
      }
      TableBridge.Watcher watcher = TableBridge.watcher;
      if (watcher != null) {
        if (sql != null || state == null || state.batchSqlCount() == 0) {
          watcher.executed(thread, statement, sql, thrown != null);
        } else {
          for (int i = 0; i < state.batchSqlCount(); i++) {
            watcher.executed(thread, statement, state.batchSql(i), thrown != null);
          }
          if (state.batchSqlTruncated()) {
            watcher.executed(thread, statement, null, thrown != null);
          }
        }
      }
      if (state != null) {
        state.clearBatch(); // the driver clears its batch after executing it, successful or not
      }
    } catch (Throwable failure) {
      AgentFailures.record("jdbc.execute-batch", failure);
    }
  }

  /** After {@code Connection.prepareStatement(sql)} / {@code prepareCall(sql)}: remember the SQL on the statement. */
  public static void prepared(Object statement, String sql) {
    if (statement instanceof QueryLensStatement) {
      ((QueryLensStatement) statement).__querylensSql(sql);
    }
  }

  /** A {@code setXxx(index, value)} of an object value; does nothing outside a request. */
  public static void bind(Object statement, int index, Object value) {
    if (RequestScope.current() == null) {
      return;
    }
    try {
      StatementState state = stateOf(statement);
      if (state != null) {
        state.bind(index, StatementState.valueHash(value));
      }
    } catch (Throwable failure) {
      AgentFailures.record("jdbc.bind", failure);
    }
  }

  /** {@code setInt}, {@code setLong}, {@code setShort}, {@code setByte}, {@code setBoolean}: no boxing. */
  public static void bindLong(Object statement, int index, long value) {
    if (RequestScope.current() == null) {
      return;
    }
    try {
      StatementState state = stateOf(statement);
      if (state != null) {
        state.bind(index, Long.hashCode(value) * 31 + 7);
      }
    } catch (Throwable failure) {
      AgentFailures.record("jdbc.bind", failure);
    }
  }

  /** {@code setDouble}, {@code setFloat}: no boxing. */
  public static void bindDouble(Object statement, int index, double value) {
    if (RequestScope.current() == null) {
      return;
    }
    try {
      StatementState state = stateOf(statement);
      if (state != null) {
        state.bind(index, Double.hashCode(value) * 31 + 11);
      }
    } catch (Throwable failure) {
      AgentFailures.record("jdbc.bind", failure);
    }
  }

  public static void clearParameters(Object statement) {
    StatementState state = existingStateOf(statement);
    if (state != null) {
      state.clearParameters();
    }
  }

  /** {@code addBatch()} (sql null) or {@code Statement.addBatch(sql)}. */
  public static void addBatch(Object statement, String sql) {
    if (RequestScope.current() == null && (sql == null || TableBridge.watcher == null)) {
      return;
    }
    try {
      StatementState state = stateOf(statement);
      if (state != null) {
        state.addBatch(sql);
      }
    } catch (Throwable failure) {
      AgentFailures.record("jdbc.add-batch", failure);
    }
  }

  public static void clearBatch(Object statement) {
    StatementState state = existingStateOf(statement);
    if (state != null) {
      state.clearBatch();
    }
  }

  private static StatementState stateOf(Object statement) {
    if (!(statement instanceof QueryLensStatement)) {
      return null;
    }
    QueryLensStatement holder = (QueryLensStatement) statement;
    StatementState state = holder.__querylensState();
    if (state == null) {
      state = new StatementState();
      holder.__querylensState(state);
    }
    return state;
  }

  private static StatementState existingStateOf(Object statement) {
    return statement instanceof QueryLensStatement ? ((QueryLensStatement) statement).__querylensState() : null;
  }
}
