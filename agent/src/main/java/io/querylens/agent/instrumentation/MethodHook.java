package io.querylens.agent.instrumentation;

import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Calls woven into the methods of a class that reaches one of {@link #supertypes}: one static call at the start of
 * the method, whose result the exit call may take, and one at its end. Each call is wrapped so that whatever it
 * throws is dropped, and the method's own exceptions and return value pass through untouched.
 *
 * @param supertypes internal names ({@code java/sql/Statement}): the class must extend or implement one of them
 * @param method which of the class's own methods, by name and descriptor; constructors, static, abstract, native and
 *     bridge methods are never woven
 * @param enter called at the start, or null; its result, a reference, is what {@link Value#ENTER} loads
 * @param exit called at the end
 * @param onThrowable whether {@code exit} is also called when the method throws ({@link Value#THROWN} is then the
 *     exception, and null on a return)
 */
public record MethodHook(Set<String> supertypes, BiPredicate<String, String> method, Call enter, Call exit,
    boolean onThrowable) {

  /** How many arguments a method descriptor declares ({@code (IJ)V}: two), for matching methods by descriptor. */
  public static int argumentCount(String descriptor) {
    int count = 0;
    for (int i = 1; descriptor.charAt(i) != ')'; count++) {
      while (descriptor.charAt(i) == '[') {
        i++;
      }
      i = descriptor.charAt(i) == 'L' ? descriptor.indexOf(';', i) + 1 : i + 1;
    }
    return count;
  }

  /** What a call passes, in order, to a static method of a class the woven class's loader can see. */
  public record Call(String owner, String name, String descriptor, Value... arguments) {}

  /**
   * The values a call can pass. Arguments are copied when the method starts, so a method that reuses an argument's
   * slot does not change what the exit sees; an {@code int} argument passed to a {@code long} parameter is widened.
   */
  public enum Value {
    /** What {@link MethodHook#enter} returned, or null if it threw. */
    ENTER,
    THIS,
    ARGUMENT_0,
    ARGUMENT_1,
    /** The value the method returns (a method that throws returns none: null or zero). */
    RETURNED,
    /** The exception the method throws, or null. */
    THROWN,
    NULL;

    int argumentIndex() {
      return this == ARGUMENT_0 ? 0 : this == ARGUMENT_1 ? 1 : -1;
    }

    /** The value of the argument at {@code index}, if calls can pass it; null otherwise. */
    static Value argument(int index) {
      return index == 0 ? ARGUMENT_0 : index == 1 ? ARGUMENT_1 : null;
    }
  }
}
