package io.querylens.benchmarks.jdbc;

import io.querylens.benchmarks.startup.FloorAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a forked benchmark JVM runs with respect to the agent. The JVM arguments differ per mode, so JMH cannot switch
 * modes inside one JVM: {@link io.querylens.benchmarks.OverheadRunner} forks each mode with {@link #jvmArgs}, and
 * the benchmark checks in its set-up that it got the JVM its mode says ({@link #check}).
 */
public enum AgentMode {
  /** No {@code -javaagent}: the baseline. */
  NONE(false),
  /**
   * No QueryLens, but the floor agent ({@link FloorAgent}: one transformer that changes nothing), as in the start-up
   * benchmark: what the JVM charges for any {@code -javaagent}. On H2 that charge alone measured +60 to +280 ns and
   * +100 B per execute (an empty {@code premain} the same), so QueryLens's own cost on a real driver is its mode
   * minus this one.
   */
  FLOOR(false),
  /**
   * Agent attached, no request open on the thread: each instrumented call reads the thread's context (one
   * thread-local), an execute also counts its depth and, with the cache on (the default), hands the statement to
   * automatic invalidation, which looks its SQL up in the memoised table extractor (a read: nothing more).
   */
  OUTSIDE(true),
  /**
   * {@link #OUTSIDE} with {@code cache.enabled=false}: no invalidation watcher, so {@code OUTSIDE - OUTSIDE_NO_CACHE}
   * is what invalidation's per-statement lookup costs a read outside a request.
   */
  OUTSIDE_NO_CACHE(true, ",cache.enabled=false"),
  /** Agent attached, a request open on the benchmark thread for the whole iteration: every execute is recorded. */
  INSIDE(true),
  /**
   * {@link #INSIDE} with {@code reports.duplicates=false}: the driver's setters get no woven call, so
   * {@code INSIDE - INSIDE_NO_DUPLICATES} is what telling exact duplicates costs, JIT inlining included.
   */
  INSIDE_NO_DUPLICATES(true, ",reports.duplicates=false"),
  /** {@link #OUTSIDE} with {@code reports.duplicates=false}. */
  OUTSIDE_NO_DUPLICATES(true, ",reports.duplicates=false"),
  /**
   * Agent attached, iterations taking turns: inside a request when the iteration's number (warm-up included,
   * from 0) is odd, outside when it is even ({@link #insideRequest}). Each inside iteration and the outside one
   * before it share one JIT compilation and neighbouring seconds of machine noise, so their difference measures
   * the request's cost on a real driver without the spread between forks that swamps it in INSIDE - OUTSIDE.
   */
  ALTERNATING(true);

  private static final String BRIDGE_CLASS = "io.querylens.agent.bridge.WebBridge";
  private static Path floorJar;

  private final boolean attached;
  /** Agent settings beyond {@code reports.dir}, each starting with a comma. */
  private final String settings;

  AgentMode(boolean attached) {
    this(attached, "");
  }

  AgentMode(boolean attached, String settings) {
    this.attached = attached;
    this.settings = settings;
  }

  /** Whether the agent is attached in this mode. */
  public boolean attached() {
    return attached;
  }

  /**
   * The arguments a JVM of this mode is forked with.
   *
   * @param agentJar the packaged agent, {@code agent/target/querylens-agent.jar}
   * @param reportsDir where the agent writes the report of each {@link #INSIDE} iteration
   */
  public List<String> jvmArgs(Path agentJar, Path reportsDir) {
    if (this == FLOOR) {
      return List.of("-javaagent:" + floorJar().toAbsolutePath());
    }
    if (!attached) {
      return List.of();
    }
    return List.of("-javaagent:" + agentJar.toAbsolutePath() + "=reports.dir=" + reportsDir.toAbsolutePath()
        + settings);
  }

  private static synchronized Path floorJar() {
    if (floorJar == null) {
      try {
        floorJar = FloorAgent.writeJar(Files.createTempDirectory("querylens-floor-agent"));
      } catch (IOException e) {
        throw new UncheckedIOException("could not write the floor agent's jar", e);
      }
    }
    return floorJar;
  }

  /** Whether iteration number {@code iteration} (warm-up included, from 0) runs inside a request. */
  public boolean insideRequest(int iteration) {
    return this == INSIDE || this == INSIDE_NO_DUPLICATES || (this == ALTERNATING && iteration % 2 == 1);
  }

  /**
   * Fails the trial unless this JVM matches the mode: a benchmark launched without the runner (plain JMH main, or
   * an IDE) would otherwise publish a no-agent number under an agent mode's name.
   *
   * @throws IllegalStateException if the agent is attached and the mode says it is not, or the other way round
   */
  void check() {
    boolean present = agentOnClassPath();
    if (present != attached) {
      throw new IllegalStateException("agent=" + this + " needs a JVM " + (attached ? "with" : "without")
          + " -javaagent:querylens-agent.jar, but this one has " + (present ? "it" : "none")
          + ". Run through io.querylens.benchmarks.OverheadRunner (java -jar querylens-benchmarks.jar), which forks"
          + " each mode with its own JVM arguments.");
    }
  }

  /** The bridge is on the system class path exactly when the agent jar is (the JVM appends it there). */
  private static boolean agentOnClassPath() {
    try {
      Class.forName(BRIDGE_CLASS, false, ClassLoader.getSystemClassLoader());
      return true;
    } catch (ClassNotFoundException absent) {
      return false;
    }
  }
}
