package io.querylens.benchmarks.cache;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.Jedis;

/**
 * What the three cache benchmarks share: one {@link CacheVariant} per fork, opened on an emptied Redis, called once
 * per operation, and checked after every iteration (warm-up included) against what it claims to do, by the count of
 * operations, of the method body's runs and of the Redis commands the server executed meanwhile. The subclasses only
 * name their variants, one {@code @Param} each.
 *
 * <p>One thread, average time per call: these are latencies of a single caller, which is what the targets are
 * about. {@link CacheRunner} overrides the iteration counts and times from its command line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public abstract class CacheBenchmarkBase {
  private CacheVariant variant;
  private CacheVariant.Source source;
  private Jedis admin;

  /** Operations so far in this fork; also the argument of each miss, so that no key repeats. */
  private long sequence;
  private long sequenceAtStart;
  private long commandsAtStart;
  private long bodyRunsAtStart;

  /** The {@code @Param} of the subclass. */
  abstract CacheVariant variant();

  @Setup(Level.Trial)
  public void open() throws Exception {
    variant = variant();
    CacheVariant.requireAgent(variant);
    admin = BenchRedis.connect();
    admin.flushAll(); // every fork starts from the same empty Redis, whatever ran before it
    source = variant.open();
  }

  @Setup(Level.Iteration)
  public void mark() {
    sequenceAtStart = sequence;
    commandsAtStart = commands();
    bodyRunsAtStart = source.bodyRuns();
  }

  @Benchmark
  public Object call() throws Exception {
    return source.call(sequence++);
  }

  @TearDown(Level.Iteration)
  public void check() {
    variant.check(sequence - sequenceAtStart, commands() - commandsAtStart, source.bodyRuns() - bodyRunsAtStart);
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    if (source != null) {
      source.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  private long commands() {
    return variant.command() == null ? 0 : BenchRedis.calls(admin, variant.command());
  }
}
