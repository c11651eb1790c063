package io.querylens.agent.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.failSafe;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPrimitive;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.querylens.agent.instrumentation.InstrumentationModule;
import io.querylens.agent.bridge.QueryLensStatement;
import io.querylens.agent.bridge.StatementState;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * JDBC, for every driver and pool: the SQL a statement was prepared with, its parameters and batch, and each
 * execute, timed and attributed to the request of the calling thread. The advice lives in
 * {@link StatementAdvice} and {@link ConnectionAdvice}; everything they do is in the bridge.
 */
public final class JdbcInstrumentation implements InstrumentationModule {
  private static final String ADVICE = "io.querylens.agent.jdbc.StatementAdvice$";
  private static final String CONNECTION_ADVICE = "io.querylens.agent.jdbc.ConnectionAdvice$";
  private static final String SQL_FIELD = "__querylensSql";
  private static final String STATE_FIELD = "__querylensState";

  private final boolean trackDuplicates;

  private static final String[] EXECUTES = {"execute", "executeQuery", "executeUpdate", "executeLargeUpdate"};
  private static final String[] BATCH_EXECUTES = {"executeBatch", "executeLargeBatch"};
  private static final String[] PREPARES = {"prepareStatement", "prepareCall"};
  private static final String ADD_BATCH = "addBatch";
  private static final String CLEAR_BATCH = "clearBatch";
  private static final String COMMIT = "commit";
  private static final String ROLLBACK = "rollback";
  private static final String SET_AUTO_COMMIT = "setAutoCommit";
  private static final String CLOSE = "close";
  private static final String CLEAR_PARAMETERS = "clearParameters";
  private static final String SETTER_PREFIX = "set";
  /** {@link #SETTER_PREFIX} with a leading {@code int} parameter, in {@code MethodPatterns}' notation. */
  private static final String SETTERS_BY_INDEX = SETTER_PREFIX + "*(I";

  /**
   * @param includePackages {@code callsite.include-packages}: always the application's code, for call sites
   * @param excludePackages {@code callsite.exclude-packages}: never the application's code
   * @param trackDuplicates {@code reports.duplicates}: whether the setters are advised, to tell exact duplicates
   */
  public JdbcInstrumentation(java.util.List<String> includePackages, java.util.List<String> excludePackages,
      boolean trackDuplicates) {
    ApplicationCode.install(includePackages, excludePackages);
    this.trackDuplicates = trackDuplicates;
  }

  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public java.util.Set<String> supertypes() {
    return java.util.Set.of("java/sql/Statement", "java/sql/PreparedStatement", "java/sql/CallableStatement",
        "java/sql/Connection");
  }

  /**
   * Every method {@link #extend} advises, by name, from the same constants its matchers use, so that the class-file
   * prefilter can never miss one of them; setters by their leading {@code int} parameter index.
   */
  @Override
  public java.util.Set<String> methods() {
    java.util.Set<String> methods = new java.util.HashSet<>();
    java.util.Collections.addAll(methods, EXECUTES);
    java.util.Collections.addAll(methods, BATCH_EXECUTES);
    java.util.Collections.addAll(methods, PREPARES);
    java.util.Collections.addAll(methods, ADD_BATCH, CLEAR_BATCH, COMMIT, ROLLBACK, SET_AUTO_COMMIT, CLOSE);
    if (trackDuplicates) {
      java.util.Collections.addAll(methods, SETTERS_BY_INDEX, CLEAR_PARAMETERS);
    }
    return methods;
  }

  @Override
  public AgentBuilder extend(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice) {
    ElementMatcher.Junction<TypeDescription> statements =
        not(isInterface()).and(failSafe(hasSuperType(named("java.sql.Statement"))));
    ElementMatcher.Junction<TypeDescription> connections =
        not(isInterface()).and(failSafe(hasSuperType(named("java.sql.Connection"))));
    return builder
        .type(statements)
        .transform((type, description, loader, module, domain) -> isTopmostStatement(description)
            ? type.defineField(SQL_FIELD, String.class, Visibility.PRIVATE)
                .defineField(STATE_FIELD, StatementState.class, Visibility.PRIVATE)
                .implement(QueryLensStatement.class)
                .method(named(SQL_FIELD)).intercept(FieldAccessor.ofField(SQL_FIELD))
                .method(named(STATE_FIELD)).intercept(FieldAccessor.ofField(STATE_FIELD))
            : type)
        .transform(trackDuplicates ? binds(executes(advice)) : executes(advice))
        .type(connections)
        .transform(advice
            .advice(not(isAbstract()).and(namedOneOf(PREPARES))
                .and(takesArgument(0, String.class)), CONNECTION_ADVICE + "Prepare")
            .advice(not(isAbstract()).and(named(COMMIT)).and(takesArguments(0)), CONNECTION_ADVICE + "Commit")
            .advice(not(isAbstract()).and(named(ROLLBACK)).and(takesArguments(0)), CONNECTION_ADVICE + "Rollback")
            .advice(not(isAbstract()).and(named(SET_AUTO_COMMIT)).and(takesArguments(boolean.class)),
                CONNECTION_ADVICE + "SetAutoCommit")
            .advice(not(isAbstract()).and(named(CLOSE)).and(takesArguments(0)), CONNECTION_ADVICE + "Close"));
  }

  private static AgentBuilder.Transformer.ForAdvice executes(AgentBuilder.Transformer.ForAdvice advice) {
    return advice
        .advice(not(isAbstract()).and(namedOneOf(EXECUTES))
            .and(takesArgument(0, String.class)), ADVICE + "ExecuteSql")
        .advice(not(isAbstract()).and(namedOneOf(EXECUTES))
            .and(takesArguments(0)), ADVICE + "ExecutePrepared")
        .advice(not(isAbstract()).and(namedOneOf(BATCH_EXECUTES)).and(takesArguments(0)),
            ADVICE + "ExecuteBatch")
        .advice(not(isAbstract()).and(named(ADD_BATCH)).and(takesArguments(String.class)), ADVICE + "AddBatchSql")
        .advice(not(isAbstract()).and(named(ADD_BATCH)).and(takesArguments(0)), ADVICE + "AddBatch")
        .advice(not(isAbstract()).and(named(CLEAR_BATCH)).and(takesArguments(0)), ADVICE + "ClearBatch");
  }

  /**
   * The setters, which hash each bound value so that an exact repeat (same SQL, same values) can be told: a few
   * dozen bytes of advice in every {@code setXxx} of the driver, enough to stop the JIT inlining H2's
   * {@code setLong} ({@code reports.duplicates=false} leaves them out).
   */
  private static AgentBuilder.Transformer.ForAdvice binds(AgentBuilder.Transformer.ForAdvice advice) {
    return advice
        .advice(setter().and(takesArgument(1, int.class)), ADVICE + "BindInt")
        .advice(setter().and(takesArgument(1, long.class)), ADVICE + "BindLong")
        .advice(setter().and(takesArgument(1, short.class)), ADVICE + "BindShort")
        .advice(setter().and(takesArgument(1, byte.class)), ADVICE + "BindByte")
        .advice(setter().and(takesArgument(1, boolean.class)), ADVICE + "BindBoolean")
        .advice(setter().and(takesArgument(1, double.class)), ADVICE + "BindDouble")
        .advice(setter().and(takesArgument(1, float.class)), ADVICE + "BindFloat")
        .advice(setter().and(not(takesArgument(1, isPrimitive()))), ADVICE + "Bind")
        .advice(not(isAbstract()).and(named("setNull")).and(takesArgument(0, int.class)), ADVICE + "BindNull")
        .advice(not(isAbstract()).and(named(CLEAR_PARAMETERS)).and(takesArguments(0)), ADVICE + "ClearParameters");
  }

  /** {@code setXxx(index, value[, ...])} of a prepared statement, except {@code setNull}. */
  private static ElementMatcher.Junction<net.bytebuddy.description.method.MethodDescription> setter() {
    return not(isAbstract()).and(nameStartsWith(SETTER_PREFIX)).and(not(named("setNull")))
        .and(takesArgument(0, int.class)).and(takesArguments(2).or(takesArguments(3)));
  }

  /**
   * The fields go on the topmost class of a hierarchy that implements {@code Statement}, once: subclasses inherit
   * them, and a second copy in a subclass would shadow the first.
   */
  static boolean isTopmostStatement(TypeDescription type) {
    TypeDescription.Generic superClass = type.getSuperClass();
    if (superClass == null) {
      return true;
    }
    try {
      for (TypeDefinition current = superClass; current != null; current = current.getSuperClass()) {
        for (TypeDescription.Generic implemented : current.getInterfaces()) {
          if (implemented.asErasure().isAssignableTo(java.sql.Statement.class)) {
            return false;
          }
        }
      }
      return true;
    } catch (RuntimeException unresolvable) {
      return false; // cannot tell safely; the class still counts through inherited or absent fields
    }
  }
}
