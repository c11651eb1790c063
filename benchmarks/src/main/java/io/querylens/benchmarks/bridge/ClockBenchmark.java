package io.querylens.benchmarks.bridge;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does one {@link System#nanoTime()} cost here? The agent reads the clock twice per execute inside a request
 * ({@code RequestScope.enterExecute} and {@code exitExecute}), so twice this is a floor under the inside-a-request
 * overhead that no change short of not timing executes removes. It depends on the machine's clock source: cheap on
 * bare metal with an invariant TSC, dearer in virtual machines.
 *
 * <p>No agent involved; run with JMH's own main, from the repository root:
 *
 * <pre>{@code
 * java -cp benchmarks/target/querylens-benchmarks.jar org.openjdk.jmh.Main ClockBenchmark
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ClockBenchmark {
  @Benchmark
  public long nanoTime() {
    return System.nanoTime();
  }

  /** What the agent does per execute: a start and an end reading, subtracted. */
  @Benchmark
  public long elapsed() {
    long start = System.nanoTime();
    return System.nanoTime() - start;
  }
}
