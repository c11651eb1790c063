package io.querylens.agent.jdbc;

import io.querylens.agent.instrumentation.InstrumentationModule;
import io.querylens.agent.instrumentation.MethodHook;
import io.querylens.agent.instrumentation.MethodHook.Call;
import io.querylens.agent.instrumentation.MethodHook.Value;
import io.querylens.agent.instrumentation.StateFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * JDBC, for every driver and pool: the SQL a statement was prepared with, its parameters and batch, and each
 * execute, timed and attributed to the request of the calling thread. The woven calls go to {@code JdbcBridge} and
 * {@code TableBridge}, which do everything.
 */
public final class JdbcInstrumentation implements InstrumentationModule {
  private static final String JDBC_BRIDGE = "io/querylens/agent/bridge/JdbcBridge";
  private static final String TABLE_BRIDGE = "io/querylens/agent/bridge/TableBridge";
  private static final String THREAD = "Lio/querylens/agent/request/ThreadContext;";
  private static final String OBJECT = "Ljava/lang/Object;";
  private static final String STRING = "Ljava/lang/String;";
  private static final String THROWABLE = "Ljava/lang/Throwable;";
  private static final Set<String> STATEMENTS =
      Set.of("java/sql/Statement", "java/sql/PreparedStatement", "java/sql/CallableStatement");
  private static final Set<String> CONNECTIONS = Set.of("java/sql/Connection");

  private static final List<String> EXECUTES = List.of("execute", "executeQuery", "executeUpdate",
      "executeLargeUpdate");
  private static final List<String> BATCH_EXECUTES = List.of("executeBatch", "executeLargeBatch");
  private static final List<String> PREPARES = List.of("prepareStatement", "prepareCall");
  private static final String ADD_BATCH = "addBatch";
  private static final String CLEAR_BATCH = "clearBatch";
  private static final String COMMIT = "commit";
  private static final String ROLLBACK = "rollback";
  private static final String SET_AUTO_COMMIT = "setAutoCommit";
  private static final String CLOSE = "close";
  private static final String CLEAR_PARAMETERS = "clearParameters";
  private static final String SET_NULL = "setNull";
  private static final String SETTER_PREFIX = "set";
  /** {@link #SETTER_PREFIX} with a leading {@code int} parameter, in {@code MethodPatterns}' notation. */
  private static final String SETTERS_BY_INDEX = SETTER_PREFIX + "*(I";

  private final boolean trackDuplicates;

  /**
   * @param includePackages {@code callsite.include-packages}: always the application's code, for call sites
   * @param excludePackages {@code callsite.exclude-packages}: never the application's code
   * @param trackDuplicates {@code reports.duplicates}: whether the setters are woven, to tell exact duplicates
   */
  public JdbcInstrumentation(List<String> includePackages, List<String> excludePackages, boolean trackDuplicates) {
    ApplicationCode.install(includePackages, excludePackages);
    this.trackDuplicates = trackDuplicates;
  }

  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public Set<String> supertypes() {
    Set<String> supertypes = new HashSet<>(STATEMENTS);
    supertypes.addAll(CONNECTIONS);
    return supertypes;
  }

  /**
   * Every method {@link #hooks} weaves, by name, from the same constants its matchers use, so that the class-file
   * prefilter can never miss one of them; setters by their leading {@code int} parameter index.
   */
  @Override
  public Set<String> methods() {
    Set<String> methods = new HashSet<>(EXECUTES);
    methods.addAll(BATCH_EXECUTES);
    methods.addAll(PREPARES);
    Collections.addAll(methods, ADD_BATCH, CLEAR_BATCH, COMMIT, ROLLBACK, SET_AUTO_COMMIT, CLOSE);
    if (trackDuplicates) {
      Collections.addAll(methods, SETTERS_BY_INDEX, CLEAR_PARAMETERS);
    }
    return methods;
  }

  /**
   * The SQL a statement was prepared with and its parameters' state live in two fields on the statement itself:
   * one field read per execute, no synchronization, and they die with the statement.
   */
  @Override
  public List<StateFields> stateFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("__querylensSql", STRING);
    fields.put("__querylensState", "Lio/querylens/agent/bridge/StatementState;");
    return List.of(new StateFields(STATEMENTS, "io/querylens/agent/bridge/QueryLensStatement", fields));
  }

  @Override
  public List<MethodHook> hooks() {
    List<MethodHook> hooks = new ArrayList<>();
    Call enter = new Call(JDBC_BRIDGE, "enter", "()" + THREAD);
    hooks.add(new MethodHook(STATEMENTS, named(EXECUTES, "(" + STRING), enter,
        new Call(JDBC_BRIDGE, "exitWithSql", "(" + THREAD + OBJECT + STRING + THROWABLE + ")V",
            Value.ENTER, Value.THIS, Value.ARGUMENT_0, Value.THROWN), true));
    hooks.add(new MethodHook(STATEMENTS, named(EXECUTES, "()"), enter,
        new Call(JDBC_BRIDGE, "exitPrepared", "(" + THREAD + OBJECT + THROWABLE + ")V",
            Value.ENTER, Value.THIS, Value.THROWN), true));
    hooks.add(new MethodHook(STATEMENTS, named(BATCH_EXECUTES, "()"), enter,
        new Call(JDBC_BRIDGE, "exitBatch", "(" + THREAD + OBJECT + THROWABLE + ")V",
            Value.ENTER, Value.THIS, Value.THROWN), true));
    hooks.add(onReturn(STATEMENTS, named(List.of(ADD_BATCH), "(" + STRING + ")"),
        JDBC_BRIDGE, "addBatch", "(" + OBJECT + STRING + ")V", Value.THIS, Value.ARGUMENT_0));
    hooks.add(onReturn(STATEMENTS, named(List.of(ADD_BATCH), "()"),
        JDBC_BRIDGE, "addBatch", "(" + OBJECT + STRING + ")V", Value.THIS, Value.NULL));
    hooks.add(onReturn(STATEMENTS, named(List.of(CLEAR_BATCH), "()"),
        JDBC_BRIDGE, "clearBatch", "(" + OBJECT + ")V", Value.THIS));
    if (trackDuplicates) {
      addBinds(hooks);
    }
    hooks.add(onReturn(CONNECTIONS, named(PREPARES, "(" + STRING),
        JDBC_BRIDGE, "prepared", "(" + OBJECT + STRING + ")V", Value.RETURNED, Value.ARGUMENT_0));
    hooks.add(always(named(List.of(COMMIT), "()V"), "commit", "(" + OBJECT + THROWABLE + ")V",
        Value.THIS, Value.THROWN));
    hooks.add(always(named(List.of(ROLLBACK), "()V"), "rollback", "(" + OBJECT + THROWABLE + ")V",
        Value.THIS, Value.THROWN));
    hooks.add(always(named(List.of(SET_AUTO_COMMIT), "(Z)V"), "autoCommit", "(" + OBJECT + "Z" + THROWABLE + ")V",
        Value.THIS, Value.ARGUMENT_0, Value.THROWN));
    hooks.add(always(named(List.of(CLOSE), "()V"), "close", "(" + OBJECT + ")V", Value.THIS));
    return hooks;
  }

  /**
   * The setters, which hash each bound value so that an exact repeat (same SQL, same values) can be told: a few
   * dozen bytes in every {@code setXxx} of the driver, enough to stop the JIT inlining H2's {@code setLong}
   * ({@code reports.duplicates=false} leaves them out). One bridge method per kind of value: no boxing.
   */
  private static void addBinds(List<MethodHook> hooks) {
    hooks.add(setter("IJSBZ", "bindLong", "(" + OBJECT + "IJ)V"));
    hooks.add(setter("DF", "bindDouble", "(" + OBJECT + "ID)V"));
    hooks.add(setter("L[", "bind", "(" + OBJECT + "I" + OBJECT + ")V"));
    hooks.add(onReturn(STATEMENTS, (name, descriptor) -> name.equals(SET_NULL) && descriptor.startsWith("(I"),
        JDBC_BRIDGE, "bind", "(" + OBJECT + "I" + OBJECT + ")V", Value.THIS, Value.ARGUMENT_0, Value.NULL));
    hooks.add(onReturn(STATEMENTS, named(List.of(CLEAR_PARAMETERS), "()"),
        JDBC_BRIDGE, "clearParameters", "(" + OBJECT + ")V", Value.THIS));
  }

  /**
   * {@code setXxx(index, value[, more])} of a prepared statement, except {@code setNull}, whose value's descriptor
   * starts with one of {@code kinds}.
   */
  private static MethodHook setter(String kinds, String bridge, String descriptor) {
    return onReturn(STATEMENTS, (name, method) -> {
      if (!name.startsWith(SETTER_PREFIX) || name.equals(SET_NULL) || !method.startsWith("(I")
          || kinds.indexOf(method.charAt(2)) < 0) {
        return false;
      }
      int count = MethodHook.argumentCount(method);
      return count == 2 || count == 3;
    }, JDBC_BRIDGE, bridge, descriptor, Value.THIS, Value.ARGUMENT_0, Value.ARGUMENT_1);
  }


  private static BiPredicate<String, String> named(List<String> names, String descriptorPrefix) {
    return (name, descriptor) -> names.contains(name) && descriptor.startsWith(descriptorPrefix);
  }

  private static MethodHook onReturn(Set<String> supertypes, BiPredicate<String, String> method, String owner,
      String name, String descriptor, Value... values) {
    return new MethodHook(supertypes, method, null, new Call(owner, name, descriptor, values), false);
  }

  /** The end of a connection's transaction, returned or thrown, for automatic invalidation. */
  private static MethodHook always(BiPredicate<String, String> method, String name, String descriptor,
      Value... values) {
    return new MethodHook(CONNECTIONS, method, null, new Call(TABLE_BRIDGE, name, descriptor, values), true);
  }
}
