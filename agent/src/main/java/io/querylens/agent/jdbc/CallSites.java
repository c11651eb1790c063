package io.querylens.agent.jdbc;

import java.util.Optional;

/**
 * Finds the application line that issued a statement: the first stack frame whose class is the application's own,
 * as {@link ApplicationCode} tells it by where the class was loaded from.
 *
 * <p>A stack walk costs microseconds, so it is taken once per distinct statement per request, never per execute.
 */
public final class CallSites {
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private CallSites() {}

  /** The first application frame above the current call, as {@code Class.method(File.java:line)}, or null. */
  public static String capture() {
    ApplicationCode application = ApplicationCode.installed();
    Optional<StackWalker.StackFrame> frame =
        WALKER.walk(frames -> frames.filter(f -> application.contains(f.getDeclaringClass())).findFirst());
    return frame.map(CallSites::describe).orElse(null);
  }

  private static String describe(StackWalker.StackFrame frame) {
    String file = frame.getFileName();
    int line = frame.getLineNumber();
    return frame.getClassName() + '.' + frame.getMethodName()
        + '(' + (file == null ? "Unknown Source" : file) + (line > 0 ? ":" + line : "") + ')';
  }
}
