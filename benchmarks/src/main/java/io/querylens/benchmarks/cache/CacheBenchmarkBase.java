package io.querylens.benchmarks.cache;

import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * What the three cache benchmarks share: the variants named by the subclass's {@code path} parameter, opened on an
 * emptied Redis, called once per operation, and checked after every iteration (warm-up included) against what they
 * claim to do, by the count of operations, of the method body's runs and of the Redis commands the server executed
 * meanwhile.
 *
 * <p>{@code path} is one variant ({@code QUERYLENS}), or several joined by {@code +}
 * ({@code FLOOR+FLOOR_LUA+QUERYLENS}): then they take turns, one iteration each, in the order {@link #turn} gives,
 * so that adjacent iterations of one JVM compare the variants under the same conditions ({@link CacheRunner}'s
 * alternating mode). On a shared two-core virtual machine the speed of a whole JVM differs by ±15% from one fork to
 * the next, far more than the differences in question; adjacent iterations differ by a few percent.
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
  private List<CacheVariant> variants;
  private final List<CacheVariant.Source> sources = new ArrayList<>();
  private Jedis admin;

  /** This iteration's variant and source. */
  private CacheVariant variant;
  CacheVariant.Source source;

  private int warmups;
  private int measurements;

  /** Operations so far in this fork; also the argument of each miss, so that no key repeats. */
  private long sequence;
  private long sequenceAtStart;
  private long commandsAtStart;
  private long bodyRunsAtStart;

  /** The {@code @Param} of the subclass. */
  abstract String path();

  /** The variant of that name. */
  abstract CacheVariant variant(String name);

  /**
   * Which of {@code count} alternating variants runs the {@code iteration}-th iteration (from 0, warm-up and
   * measurement counted apart): in turn, the order reversed every other cycle (ABC CBA ABC ...), so that no variant
   * always follows the same one.
   */
  static int turn(int iteration, int count) {
    int cycle = iteration / count;
    int position = iteration % count;
    return cycle % 2 == 0 ? position : count - 1 - position;
  }

  @Setup(Level.Trial)
  public void open() throws Exception {
    variants = new ArrayList<>();
    for (String name : path().split("\\+")) {
      variants.add(variant(name.trim()));
    }
    CacheVariant.requireAgent(variants);
    admin = BenchRedis.connect();
    admin.flushAll(); // every fork starts from the same empty Redis, whatever ran before it
    for (CacheVariant each : variants) {
      sources.add(each.open());
    }
  }

  @Setup(Level.Iteration)
  public void mark(IterationParams iteration) {
    int index = iteration.getType() == IterationType.WARMUP ? warmups++ : measurements++;
    int turn = turn(index, variants.size());
    variant = variants.get(turn);
    source = sources.get(turn);
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
    for (CacheVariant.Source each : sources) {
      each.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  private long commands() {
    try {
      return variant.command() == null ? 0 : BenchRedis.calls(admin, variant.command());
    } catch (JedisException e) {
      throw new IllegalStateException("cannot read INFO commandstats from the benchmark's Redis", e);
    }
  }
}
