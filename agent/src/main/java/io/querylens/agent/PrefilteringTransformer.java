package io.querylens.agent;

import io.querylens.agent.bridge.AgentFailures;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The agent's only transformer: it shows Byte Buddy the classes {@link CandidateClasses} lets through, and for
 * every other class the JVM loads costs one walk over the class file's constant pool.
 *
 * <p>It is registered at premain, before Byte Buddy's transformer exists: building that (a thousand classes of Byte
 * Buddy's own, the matchers, the advice) happens on a thread of its own while the application starts, since the
 * first class worth transforming usually loads seconds later. A candidate that loads earlier waits for it.
 */
final class PrefilteringTransformer implements ClassFileTransformer {
  /**
   * How long a candidate class waits for Byte Buddy's transformer. Building it takes well under a second; a wait this
   * long means the build is stuck (a class initialisation it needs is held by the waiting thread), and the class
   * then loads uninstrumented rather than the application hang.
   */
  private static final long MAX_WAIT_SECONDS = 10;
  /**
   * Reading a super type's class file may load classes (a URL handler, a jar's index) and so come back here on the
   * same thread; those pass to Byte Buddy unfiltered rather than filter recursively.
   */
  private static final ThreadLocal<Boolean> FILTERING = new ThreadLocal<>();
  /**
   * The package of every class in the agent's jar, shaded libraries included, as a name prefix: Byte Buddy is told to
   * ignore it (QueryLensAgent), and the prefilter skips it in the JVM's internal form.
   */
  static final String AGENT_PACKAGE = QueryLensAgent.class.getPackageName() + ".";
  private static final String AGENT_PACKAGE_INTERNAL = AGENT_PACKAGE.replace('.', '/');

  private final CandidateClasses candidates;
  private final Consumer<String> warnings;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final AtomicBoolean warnedOfWait = new AtomicBoolean();
  private volatile ClassFileTransformer byteBuddy;
  private volatile Thread builder;

  PrefilteringTransformer(CandidateClasses candidates, Consumer<String> warnings) {
    this.candidates = candidates;
    this.warnings = warnings;
  }

  /** Builds Byte Buddy's transformer on a daemon thread and starts passing candidates to it. */
  void buildInBackground(java.util.function.Supplier<ClassFileTransformer> build) {
    Thread thread = new Thread(() -> {
      try {
        byteBuddy = build.get();
      } catch (Throwable failure) {
        warnings.accept("querylens: nothing is instrumented: the instrumentation could not be built: " + failure);
      } finally {
        ready.countDown();
      }
    }, "querylens-instrumentation");
    thread.setDaemon(true);
    builder = thread;
    thread.start();
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
      ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
    ClassFileTransformer target = mayMatch(loader, name, redefined, domain, classFile) ? await(name) : null;
    return target == null ? null : target.transform(module, loader, name, redefined, domain, classFile);
  }

  @Override
  public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
      byte[] classFile) throws IllegalClassFormatException {
    ClassFileTransformer target = mayMatch(loader, name, redefined, domain, classFile) ? await(name) : null;
    return target == null ? null : target.transform(loader, name, redefined, domain, classFile);
  }

  private boolean mayMatch(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
      byte[] classFile) {
    // The bootstrap loader's classes and the agent's own are ignored by Byte Buddy anyway (QueryLensAgent); a
    // retransformation of any other passes through whole.
    if ((loader == null && redefined == null) || isAgentClass(name)) {
      return false;
    }
    if (redefined != null || classFile == null || FILTERING.get() != null) {
      return true;
    }
    FILTERING.set(Boolean.TRUE);
    try {
      return candidates.mayMatch(loader, domain, classFile);
    } catch (Throwable failure) {
      AgentFailures.record("the class prefilter", failure);
      return true;
    } finally {
      FILTERING.remove();
    }
  }

  /**
   * The agent's classes, shaded libraries included: with {@code @Cached}, 2,400 of the 19,000 classes the demo loads,
   * each of which the prefilter would parse, and whose interfaces it would read, for nothing.
   */
  static boolean isAgentClass(String name) {
    return name != null && name.startsWith(AGENT_PACKAGE_INTERNAL);
  }

  /** Byte Buddy's transformer, waiting for it if need be; null if there is none to wait for. */
  private ClassFileTransformer await(String name) {
    ClassFileTransformer current = byteBuddy;
    if (current != null || Thread.currentThread() == builder) {
      return current;
    }
    try {
      if (!ready.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS) && warnedOfWait.compareAndSet(false, true)) {
        warnings.accept("querylens: " + name + " loaded while the instrumentation was still being built, after "
            + MAX_WAIT_SECONDS + " s of waiting, and is not instrumented (said once)");
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    return byteBuddy;
  }
}
