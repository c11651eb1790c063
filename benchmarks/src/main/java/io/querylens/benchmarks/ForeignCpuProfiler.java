package io.querylens.benchmarks;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler, run inside each forked JVM, that records beside every iteration's score how many CPUs' worth of
 * work other processes did during it ({@link MachineLoad}). {@link OverheadSummary} keeps the iterations that ran
 * on an otherwise quiet machine. With JMH's own main: {@code -prof io.querylens.benchmarks.ForeignCpuProfiler}.
 */
public final class ForeignCpuProfiler implements InternalProfiler {
  /** The secondary result's name, in the table and in JMH's JSON. */
  public static final String LABEL = "foreign.cpus";

  private MachineLoad.Sample before;

  @Override
  public String getDescription() {
    return "CPUs' worth of work other processes did during each iteration (Linux /proc)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = MachineLoad.sample();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    double foreign = MachineLoad.foreignCpus(before, MachineLoad.sample());
    return Double.isNaN(foreign) ? List.of()
        : List.of(new ScalarResult(LABEL, foreign, "CPUs", AggregationPolicy.AVG));
  }
}
