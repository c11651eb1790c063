package io.querylens.agent.jdbc;

import io.querylens.agent.bridge.JdbcBridge;
import io.querylens.agent.bridge.RequestScope;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Advice inlined into {@code java.sql.Statement} implementations. Each one guards, calls one bridge method, and
 * returns: no logic, no string concatenation (it would compile to invokedynamic in classes of any age).
 */
final class StatementAdvice {
  private StatementAdvice() {}

  /** {@code execute(sql)}, {@code executeQuery(sql)}, {@code executeUpdate(sql, ...)} and friends. */
  static final class ExecuteSql {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static RequestScope enter() {
      return JdbcBridge.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter RequestScope scope, @Advice.Argument(0) String sql,
        @Advice.Thrown Throwable thrown) {
      if (scope != null) {
        JdbcBridge.exitWithSql(scope, sql, thrown);
      }
    }
  }

  /** A prepared or callable statement's {@code execute()}, {@code executeQuery()}, {@code executeUpdate()}. */
  static final class ExecutePrepared {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static RequestScope enter() {
      return JdbcBridge.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter RequestScope scope, @Advice.This Object statement,
        @Advice.Thrown Throwable thrown) {
      if (scope != null) {
        JdbcBridge.exitPrepared(scope, statement, thrown);
      }
    }
  }

  /** {@code executeBatch()} and {@code executeLargeBatch()}: one execution, whatever the batch size. */
  static final class ExecuteBatch {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static RequestScope enter() {
      return JdbcBridge.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter RequestScope scope, @Advice.This Object statement,
        @Advice.Thrown Throwable thrown) {
      if (scope != null) {
        JdbcBridge.exitBatch(scope, statement, thrown);
      }
    }
  }

  static final class AddBatchSql {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement, @Advice.Argument(0) String sql) {
      if (RequestScope.current() != null) {
        JdbcBridge.addBatch(statement, sql);
      }
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

  /** {@code setInt(index, value)}, {@code setString(index, value)}, {@code setObject(index, value, type)}... */
  static final class Bind {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement, @Advice.Argument(0) int index,
        @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object value) {
      if (RequestScope.current() != null) {
        JdbcBridge.bind(statement, index, value);
      }
    }
  }

  /** {@code setNull(index, sqlType)}: the second argument is a type code, not a value. */
  static final class BindNull {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement, @Advice.Argument(0) int index) {
      if (RequestScope.current() != null) {
        JdbcBridge.bind(statement, index, null);
      }
    }
  }

  static final class ClearParameters {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object statement) {
      JdbcBridge.clearParameters(statement);
    }
  }
}
