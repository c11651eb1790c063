package io.querylens.agent.jdbc;

import io.querylens.agent.bridge.JdbcBridge;
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
}
