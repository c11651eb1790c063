package io.querylens.agent;

import io.querylens.agent.CandidateClasses.Candidate;
import io.querylens.agent.bridge.AgentFailures;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * The agent's only transformer: every class the JVM loads costs one walk over its class file's constant pool
 * ({@link CandidateClasses}); the few it lets through get the JDBC, servlet and cache calls woven in
 * ({@link Weaving}).
 */
final class PrefilteringTransformer implements ClassFileTransformer {
  /**
   * Reading a super type's class file may load classes (a URL handler, a jar's index) and so come back here on the
   * same thread; those (the JDK's, in practice) load as they are, rather than be filtered recursively.
   */
  private static final ThreadLocal<Boolean> FILTERING = new ThreadLocal<>();
  /** The package of every class in the agent's jar, shaded libraries included, in the JVM's internal form. */
  private static final String AGENT_PACKAGE_INTERNAL =
      (QueryLensAgent.class.getPackageName() + ".").replace('.', '/');
  private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

  private final CandidateClasses candidates;
  private final Weaving weaving;

  PrefilteringTransformer(CandidateClasses candidates, Weaving weaving) {
    this.candidates = candidates;
    this.weaving = weaving;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
      ProtectionDomain domain, byte[] classFile) {
    Candidate candidate = examine(loader, name, redefined, domain, classFile);
    return candidate == null ? null : weaving.weave(loader, candidate, classFile, module);
  }

  @Override
  public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
      byte[] classFile) {
    Candidate candidate = examine(loader, name, redefined, domain, classFile);
    return candidate == null ? null : weaving.weave(loader, candidate, classFile, null);
  }

  /** What the class reaches, if it may match anything; null if it cannot. */
  private Candidate examine(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
      byte[] classFile) {
    // Nothing in the JDK's modules or the agent's own classes is the application's to change.
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
}
