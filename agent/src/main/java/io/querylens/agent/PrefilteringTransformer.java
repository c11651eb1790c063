package io.querylens.agent;

import io.querylens.agent.CandidateClasses.Candidate;
import io.querylens.agent.bridge.AgentFailures;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The agent's only transformer: every class the JVM loads costs one walk over its class file's constant pool
 * ({@link CandidateClasses}); the few it lets through get the JDBC and servlet calls woven in ({@link Weaving}), and
 * are shown to Byte Buddy only if an instrumentation that needs it (the cache) may match them.
 *
 * <p>It is registered at premain, before Byte Buddy's transformer exists: building that (a thousand classes of Byte
 * Buddy's own, the matchers, the advice) happens on a thread of its own while the application starts, since the
 * first class worth transforming usually loads seconds later, and only when an instrumentation needs it. A candidate
 * that loads earlier waits for it.
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
  private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

  private final CandidateClasses candidates;
  private final Weaving weaving;
  /** The bits of what the instrumentations built on Byte Buddy may match; 0 when there are none. */
  private final int byteBuddyBits;
  private final Consumer<String> warnings;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final AtomicBoolean warnedOfWait = new AtomicBoolean();
  private volatile ClassFileTransformer byteBuddy;
  private volatile Thread builder;

  /**
   * @param byteBuddyBits bits ({@link CandidateClasses#bitOf}, {@link CandidateClasses#MARKED}) of the classes the
   *     instrumentations built on Byte Buddy may match; 0 if there are none, and then it is never built
   */
  PrefilteringTransformer(CandidateClasses candidates, Weaving weaving, int byteBuddyBits,
      Consumer<String> warnings) {
    this.candidates = candidates;
    this.weaving = weaving;
    this.byteBuddyBits = byteBuddyBits == 0 ? 0 : byteBuddyBits | CandidateClasses.UNREADABLE;
    this.warnings = warnings;
    if (byteBuddyBits == 0) {
      ready.countDown();
    }
  }

  /** Builds Byte Buddy's transformer on a daemon thread and starts passing candidates to it. */
  void buildInBackground(java.util.function.Supplier<ClassFileTransformer> build) {
    Thread thread = new Thread(() -> {
      try {
        byteBuddy = build.get();
      } catch (Throwable failure) {
        warnings.accept("querylens: the cache instruments nothing: Byte Buddy's transformer could not be built: "
            + failure);
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
    Candidate candidate = examine(loader, name, redefined, domain, classFile);
    return candidate == null ? null : transform(candidate, loader, name, classFile,
        (target, bytes) -> target.transform(module, loader, name, redefined, domain, bytes));
  }

  @Override
  public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
      byte[] classFile) throws IllegalClassFormatException {
    Candidate candidate = examine(loader, name, redefined, domain, classFile);
    return candidate == null ? null : transform(candidate, loader, name, classFile,
        (target, bytes) -> target.transform(loader, name, redefined, domain, bytes));
  }

  /** One of Byte Buddy's two {@code transform} methods, called the way the JVM called ours. */
  private interface ByteBuddyCall {
    byte[] transform(ClassFileTransformer target, byte[] classFile) throws IllegalClassFormatException;
  }

  /** Weaves a class the prefilter let through, and shows it to Byte Buddy if the cache may match it. */
  private byte[] transform(Candidate candidate, ClassLoader loader, String name, byte[] classFile,
      ByteBuddyCall byteBuddyCall) throws IllegalClassFormatException {
    byte[] woven = weaving.weave(loader, candidate, classFile);
    ClassFileTransformer target = (candidate.reached() & byteBuddyBits) != 0 ? await(name) : null;
    byte[] transformed = target == null ? null : byteBuddyCall.transform(target, woven == null ? classFile : woven);
    return transformed == null ? woven : transformed;
  }

  /** What the class reaches, if it may match anything; null if it cannot. */
  private Candidate examine(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
      byte[] classFile) {
    // The JDK's classes and the agent's own are ignored by Byte Buddy anyway (ByteBuddyTransformer).
    if ((isJdkLoader(loader) && redefined == null) || isAgentClass(name) || classFile == null) {
      return null;
    }
    if (FILTERING.get() != null) {
      return CandidateClasses.UNKNOWN;
    }
    FILTERING.set(Boolean.TRUE);
    try {
      return candidates.examine(loader, domain, classFile);
    } catch (Throwable failure) {
      AgentFailures.record("the class prefilter", failure);
      return CandidateClasses.UNKNOWN;
    } finally {
      FILTERING.remove();
    }
  }

  /** The bootstrap or the platform loader, which define only the JDK's own modules: nothing there is ours to change. */
  static boolean isJdkLoader(ClassLoader loader) {
    return loader == null || loader == PLATFORM;
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
