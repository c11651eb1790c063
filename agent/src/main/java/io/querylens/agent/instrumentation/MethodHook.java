package io.querylens.agent.instrumentation;

import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Calls woven into the methods of a class that reaches one of {@link #supertypes}: one static call at the start of
 * the method, whose result the exit call may take, and one at its end. Each call is wrapped so that whatever it
 * throws is dropped, and the method's own exceptions and return value pass through untouched.
 *
 * @param supertypes internal names ({@code java/sql/Statement}): the class must extend or implement one of them;
 *     empty for a hook chosen per class (the cache's, from the annotations its class file holds)
 * @param method which of the class's own methods, by name and descriptor; constructors, abstract, native and bridge
 *     methods are never woven, nor static ones unless {@code staticMethods}
 * @param enter called at the start, or null; its result, a reference, is what {@link Value#ENTER} loads
 * @param exit called at the end
 * @param onThrowable whether {@code exit} is also called when the method throws ({@link Value#THROWN} is then the
 *     exception, and null on a return)
 * @param shortcut what may skip the method's body after {@code enter}, or null
 * @param staticMethods whether static methods are woven too (their calls cannot pass {@link Value#THIS})
 */
public record MethodHook(Set<String> supertypes, BiPredicate<String, String> method, Call enter, Call exit,
    boolean onThrowable, Shortcut shortcut, boolean staticMethods) {

  /** A hook that never skips the body, on instance methods. */
  public MethodHook(Set<String> supertypes, BiPredicate<String, String> method, Call enter, Call exit,
      boolean onThrowable) {
    this(supertypes, method, enter, exit, onThrowable, null, false);
  }

  /**
   * After the enter call: when {@code taken} returns true, the method returns what {@code value} returns, cast (or
   * unboxed) to its return type, and neither its body nor the exit call runs. If either call throws, or the value
   * does not fit, the body runs as if {@code taken} had said false, with {@link Value#ENTER} null.
   *
   * @param taken a call returning {@code boolean}
   * @param value a call returning {@code Object}
   */
  public record Shortcut(Call taken, Call value) {}

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
    NULL,
    /** Every argument, boxed into an {@code Object[]} as the method starts. */
    ARGUMENTS,
    /** The woven class, as a {@code Class} constant. */
    TYPE,
    /** {@code binary.ClassName.method(descriptor)}, a {@code String} constant naming the woven method. */
    METHOD;

    int argumentIndex() {
      return this == ARGUMENT_0 ? 0 : this == ARGUMENT_1 ? 1 : -1;
    }

    /** The value of the argument at {@code index}, if calls can pass it; null otherwise. */
    static Value argument(int index) {
      return index == 0 ? ARGUMENT_0 : index == 1 ? ARGUMENT_1 : null;
    }
  }
}
