package io.querylens.agent.jdbc;

import io.querylens.agent.bridge.JdbcBridge;
import io.querylens.agent.request.RequestScope;
import io.querylens.agent.request.ThreadContext;
import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into {@code java.sql.Statement} implementations. Each one guards, calls one bridge method, and
 * returns: no logic, no string concatenation (it would compile to invokedynamic in classes of any age).
 */
final class StatementAdvice {
  private StatementAdvice() {}

  /** {@code execute(sql)}, {@code executeQuery(sql)}, {@code executeUpdate(sql, ...)} and friends. */
  static final class ExecuteSql {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static ThreadContext enter() {
      return JdbcBridge.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter ThreadContext thread, @Advice.This Object statement,
        @Advice.Argument(0) String sql, @Advice.Thrown Throwable thrown) {
      if (thread != null) {
        JdbcBridge.exitWithSql(thread, statement, sql, thrown);
      }
    }
  }

  /** A prepared or callable statement's {@code execute()}, {@code executeQuery()}, {@code executeUpdate()}. */
  static final class ExecutePrepared {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static ThreadContext enter() {
      return JdbcBridge.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter ThreadContext thread, @Advice.This Object statement,
        @Advice.Thrown Throwable thrown) {
      if (thread != null) {
        JdbcBridge.exitPrepared(thread, statement, thrown);
      }
    }
  }

  /** {@code executeBatch()} and {@code executeLargeBatch()}: one execution, whatever the batch size. */
  static final class ExecuteBatch {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static ThreadContext enter() {
      return JdbcBridge.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter ThreadContext thread, @Advice.This Object statement,
        @Advice.Thrown Throwable thrown) {
      if (thread != null) {
        JdbcBridge.exitBatch(thread, statement, thrown);
      }
    }
  }

  static final class AddBatchSql {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement, @Advice.Argument(0) String sql) {
      JdbcBridge.addBatch(statement, sql);
    }
  }

  static final class AddBatch {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement) {
      if (RequestScope.current() != null) {
        JdbcBridge.addBatch(statement, null);
      }
    }
  }

  static final class ClearBatch {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement) {
      JdbcBridge.clearBatch(statement);
    }
  }

  /*
   * Setters run on every execute, inside a request or not, and their advice is inlined into drivers' small setter
   * methods: it must stay a single call, or the JIT stops inlining the setter into its caller (measured on H2's
   * setLong: +146 ns per execute outside any request, see benchmarks/README.md). Hence one advice per primitive type,
   * no boxing, and the "inside a request?" check in the bridge rather than here.
   */

  /** {@code setString(index, value)}, {@code setObject(index, value, type)}, {@code setBigDecimal}... */
  static final class Bind {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
        @Advice.Argument(1) Object value) {
      JdbcBridge.bind(statement, index, value);
    }
  }

  static final class BindInt {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement, @Advice.Argument(0) int index, @Advice.Argument(1) int value) {
      JdbcBridge.bindLong(statement, index, value);
    }
  }

  static final class BindLong {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement, @Advice.Argument(0) int index, @Advice.Argument(1) long value) {
      JdbcBridge.bindLong(statement, index, value);
    }
  }

  static final class BindShort {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement, @Advice.Argument(0) int index, @Advice.Argument(1) short value) {
      JdbcBridge.bindLong(statement, index, value);
    }
  }

  static final class BindByte {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement, @Advice.Argument(0) int index, @Advice.Argument(1) byte value) {
      JdbcBridge.bindLong(statement, index, value);
    }
  }

  static final class BindBoolean {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
        @Advice.Argument(1) boolean value) {
      JdbcBridge.bindLong(statement, index, value ? 1 : 0);
    }
  }

  static final class BindDouble {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
        @Advice.Argument(1) double value) {
      JdbcBridge.bindDouble(statement, index, value);
    }
  }

  static final class BindFloat {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement, @Advice.Argument(0) int index, @Advice.Argument(1) float value) {
      JdbcBridge.bindDouble(statement, index, value);
    }
  }

  /** {@code setNull(index, sqlType)}: the second argument is a type code, not a value. */
  static final class BindNull {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement, @Advice.Argument(0) int index) {
      JdbcBridge.bind(statement, index, null);
    }
  }

  static final class ClearParameters {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement) {
      JdbcBridge.clearParameters(statement);
    }
  }
}
