package io.querylens.agent.instrumentation;

import java.util.Set;

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
   * woven (see {@code io.querylens.agent.CandidateClasses}), so this must name every super type the hooks apply to.
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
   * Calls woven into methods of the classes that reach {@link #supertypes()} ({@link HookWeaver}).
   */
  default java.util.List<MethodHook> hooks() {
    return java.util.List.of();
  }

  /** Fields added to the topmost class of the hierarchies that reach {@link #supertypes()}. */
  default java.util.List<StateFields> stateFields() {
    return java.util.List.of();
  }

  /**
   * Calls woven into a class that holds one of {@link #markers()}, or implements an interface that does, chosen by
   * what its class file declares (the cache's annotations); empty if none apply. Called as the class loads.
   *
   * @param loader the class's loader, through which the class files of its super types can be read
   * @param className the class's internal name ({@code com/example/Foo}), as the prefilter read it
   */
  default java.util.List<MethodHook> hooksFor(ClassLoader loader, String className, byte[] classFile) {
    return java.util.List.of();
  }
}
