package io.querylens.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.runner.WorkloadParams;

/** What the JDBC and cache runners share: reading their options, describing the machine, merging JMH's results. */
public final class RunnerSupport {
  private RunnerSupport() {}

  /** {@code p} with another fork count: a result merged from several runs reports them all. */
  public static BenchmarkParams withForks(BenchmarkParams p, int forks) {
    WorkloadParams workload = new WorkloadParams();
    int order = 0;
    for (String key : p.getParamsKeys()) {
      workload.put(key, p.getParam(key), order++);
    }
    return new BenchmarkParams(p.getBenchmark(), p.generatedBenchmark(), p.shouldSynchIterations(), p.getThreads(),
        p.getThreadGroups(), p.getThreadGroupLabels(), forks, p.getWarmupForks(), p.getWarmup(), p.getMeasurement(),
        p.getMode(), workload, p.getTimeUnit(), p.getOpsPerInvocation(), p.getJvm(), p.getJvmArgs(),
        p.getJdkVersion(), p.getVmName(), p.getVmVersion(), p.getJmhVersion(), p.getTimeout());
  }

  public static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | UncheckedIOException unreadable) {
      // not Linux, or not readable: the count alone must do
    }
    return "model unknown";
  }

  /** The option's value, or a message naming the option when it has none. */
  public static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " needs a value: " + name + "=...");
    }
    return value;
  }

  public static int atLeast(int minimum, String name, String value) {
    try {
      int number = Integer.parseInt(required(name, value));
      if (number >= minimum) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new IllegalArgumentException(name + " takes a whole number, " + minimum + " or more, not '" + value + "'");
  }
}
