package io.querylens.benchmarks.cache;

import java.util.List;
import java.util.Map;

/**
 * One way of doing what a benchmark compares (getting the listing, or a write transaction): the constants of
 * {@link HitPath}, {@link MissPath} and {@link WritePath}, each a JMH {@code @Param} value. {@link CacheRunner} forks
 * each with or without the agent as {@link #agent()} says, and {@link CacheBenchmarkBase} checks every iteration
 * against {@link #commandsPerCall()} and {@link #runsBody()}.
 */
interface CacheVariant {
  /**
   * Whether this variant needs a JVM with {@code -javaagent:querylens-agent.jar}. Those that do not run without it in
   * their own forks, and beside the others in the agent's JVM in {@link CacheRunner}'s interleaved mode: the agent
   * transforms only annotated methods, JDBC and servlets, none of which they touch.
   */
  boolean agent();

  /**
   * Whether this variant can run in {@link CacheRunner}'s interleaved JVM, which has the agent: false for a variant
   * that means "without the agent" for code the agent would instrument (JDBC writes), measured in separate forks only.
   */
  default boolean interleavable() {
    return true;
  }

  /** Connects, fills what the operation reads, and checks the payload is the shared one. */
  Source open() throws Exception;

  /**
   * The Redis commands each call makes Redis run, as {@code INFO commandstats} names them ({@code get},
   * {@code mget}, {@code evalsha}, {@code ping}), with how many per call; a command listed with 0 must not run at all
   * (a hit runs no script). With {@link #runsBody()} it is what {@link CacheBenchmarkBase} checks after every
   * iteration, so that no number is published for something else: a hit that ran the method, a miss served from
   * somewhere, a round trip that never reached Redis, a write transaction that bumped table versions more than once.
   * The counts of all of a fork's variants are added up per command; {@code get} is checked as a lower bound only,
   * since Redis also counts the {@code GET}s that scripts run. The others are exact.
   */
  Map<String, Integer> commandsPerCall();

  /** Whether each call runs the cached method's body (a miss, the uncached call) or never (a hit, a floor). */
  boolean runsBody();

  /** A variant, opened in one fork. */
  interface Source extends AutoCloseable {
    /** One operation; {@code n} is its sequence number in the fork (a miss's argument). */
    Object call(long n) throws Exception;

    /** After each call, untimed, in {@link MissCostBenchmark}: waits for what the call left running. */
    default void settle() throws Exception {}

    /** Before each iteration: whether it is measured ({@code false} for warm-up). */
    default void measuring(boolean measured) {}

    /** How often the cached method's body has run in this fork. */
    long bodyRuns();

    @Override
    void close() throws Exception;
  }

  /**
   * @throws IllegalStateException unless this JVM has the agent exactly when one of the variants needs it: a fork
   *     launched without the runner (JMH's own main, an IDE) would otherwise publish one variant's number under
   *     another's name
   */
  static void requireAgent(List<CacheVariant> variants) {
    boolean needed = variants.stream().anyMatch(CacheVariant::agent);
    boolean present;
    try {
      Class.forName("io.querylens.agent.bridge.CacheBridge", false, ClassLoader.getSystemClassLoader());
      present = true;
    } catch (ClassNotFoundException absent) {
      present = false;
    }
    if (present != needed) {
      throw new IllegalStateException(variants + " need a JVM " + (needed ? "with" : "without")
          + " -javaagent:querylens-agent.jar, but this one has " + (present ? "it" : "none") + ". Run through"
          + " io.querylens.benchmarks.cache.CacheRunner, which forks each variant with its own JVM arguments.");
    }
  }

  /** @throws IllegalStateException with {@code message} unless {@code condition} */
  static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
