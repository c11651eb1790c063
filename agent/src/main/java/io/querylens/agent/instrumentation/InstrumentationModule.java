package io.querylens.agent.instrumentation;

import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One concern the agent instruments, switchable as a whole by its name
 * ({@code querylens.instrumentation.<name>.enabled}).
 */
public interface InstrumentationModule {
  /** The name users switch it by, and that the start-up line prints. */
  String name();

  /**
   * Internal names ({@code java/sql/Statement}) of the types whose subtypes this instrumentation may transform.
   * A class that reaches none of them through its class files, and holds none of {@link #markers()}, is never
   * shown to Byte Buddy (see {@code io.querylens.agent.CandidateClasses}), so this must name every super type the matchers look for.
   */
  Set<String> supertypes();

  /**
   * The methods this instrumentation changes in subtypes of {@link #supertypes()}, as {@code io.querylens.agent.MethodPatterns} reads them
   * ({@code executeQuery}, {@code set*(I}); a class that declares none of them is not looked at for what it inherits.
   */
  default Set<String> methods() {
    return Set.of();
  }

  /** Strings that make a class worth a look whatever its hierarchy, when a constant-pool entry starts with one. */
  default Set<String> markers() {
    return Set.of();
  }

  /**
   * Calls woven into methods of the classes that reach {@link #supertypes()}, without Byte Buddy
   * ({@link HookWeaver}).
   */
  default java.util.List<MethodHook> hooks() {
    return java.util.List.of();
  }

  /** Fields added to the topmost class of the hierarchies that reach {@link #supertypes()}, without Byte Buddy. */
  default java.util.List<StateFields> stateFields() {
    return java.util.List.of();
  }

  /**
   * Whether this instrumentation needs Byte Buddy ({@link #extend}): building it costs more start-up time than all
   * the rest of the agent, so it is only built when one does.
   */
  default boolean usesByteBuddy() {
    return false;
  }

  /** Adds this instrumentation's type matchers and transformers to the agent being built, if it uses Byte Buddy. */
  default AgentBuilder extend(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice) {
    return builder;
  }
}
