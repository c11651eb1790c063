package io.querylens.agent.jdbc;

import io.querylens.agent.bridge.JdbcBridge;
import io.querylens.agent.bridge.TableBridge;
import net.bytebuddy.asm.Advice;

/** Advice inlined into {@code java.sql.Connection} implementations. */
final class ConnectionAdvice {
  private ConnectionAdvice() {}

  /** {@code prepareStatement(sql, ...)} and {@code prepareCall(sql, ...)}: the statement remembers its SQL. */
  static final class Prepare {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Argument(0) String sql, @Advice.Return Object statement) {
      JdbcBridge.prepared(statement, sql);
    }
  }

  /*
   * The end of a transaction, for automatic invalidation. A pool's proxy connection delegates to the driver's: both
   * are advised, and the writes are kept under the connection the application's statements came from, so only the
   * call on that one (the outer) acts.
   */

  static final class Commit {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Object connection, @Advice.Thrown Throwable thrown) {
      TableBridge.commit(connection, thrown);
    }
  }

  static final class Rollback {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Object connection, @Advice.Thrown Throwable thrown) {
      TableBridge.rollback(connection, thrown);
    }
  }

  /** JDBC: switching auto-commit on inside a transaction commits it. */
  static final class SetAutoCommit {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Object connection, @Advice.Argument(0) boolean on,
        @Advice.Thrown Throwable thrown) {
      TableBridge.autoCommit(connection, on, thrown);
    }
  }

  static final class Close {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Object connection) {
      TableBridge.close(connection);
    }
  }
}
