package io.querylens.benchmarks.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * What the cache benchmarks share: the variants named by the subclass's {@code path} parameter, opened on an
 * emptied Redis, and checked after every iteration (warm-up included) against what they claim to do, by the count of
 * calls, of the method body's runs and of the Redis commands the server executed meanwhile
 * ({@link CacheVariant#commandsPerCall()}, {@link CacheVariant#runsBody()}).
 *
 * <p>Two benchmarks:
 * <ul>
 *   <li>{@link #call}: one variant ({@code path=QUERYLENS}), one call per operation, in a JVM of its own: the
 *       realistic setting, each variant alone with its JIT and heap.
 *   <li>{@link #interleaved}: all of a question's variants ({@code path=FLOOR+PREVIOUS_LUA+FLOOR_MGET+QUERYLENS}) in
 *       one JVM with the agent, each operation calling every one of them once, the first one rotating, each call timed
 *       on its own; {@link Turns} adds up each variant's time and calls per iteration. Adjacent calls, microseconds
 *       apart, see the same machine: on a shared two-core virtual machine a JVM's speed differs by ±15% from one fork
 *       to the next and by as much from one second to the next, far more than the differences in question. The variants
 *       without the agent lose nothing by sharing its JVM: the agent transforms only annotated methods, JDBC and
 *       servlets, and ships its own relocated Jedis and Jackson. (Variants that mean "JDBC without the agent" are the
 *       exception, {@link CacheVariant#interleavable()}: they run in separate forks only.)
 * </ul>
 *
 * <p>One thread: these are latencies of a single caller, which is what the targets are about. {@link CacheRunner}
 * overrides the iteration counts and times from its command line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public abstract class CacheBenchmarkBase {
  /** The most variants {@link #interleaved} takes, as many as {@link Turns} has counters for. */
  static final int MAX_VARIANTS = 6;

  private List<CacheVariant> variants;
  private final List<CacheVariant.Source> sources = new ArrayList<>();
  /** One plain connection per Redis server of the fork: the one {@link BenchRedis}, or every node of a cluster. */
  private List<Jedis> admins = List.of();
  /** {@link #call}'s one source. */
  CacheVariant.Source source;

  /** Calls so far in this fork; also the argument of each miss, so that no key repeats. */
  private long sequence;
  private long operations;
  /** Per variant, calls in this iteration. */
  private long[] calls;
  private long[] bodyRunsAtStart;
  private final Map<String, Long> commandsAtStart = new HashMap<>();

  /** The {@code @Param} of the subclass. */
  abstract String path();

  /** The variant of that name. */
  abstract CacheVariant variant(String name);

  /**
   * A plain connection to every Redis server the variants use, which {@link #open} empties and {@link #check} adds up
   * the {@code INFO commandstats} of: by default the runner's one redis-server.
   */
  List<Jedis> adminConnections() {
    return List.of(BenchRedis.connect());
  }

  /**
   * Each variant's time and calls in the iteration, as JMH secondary results: {@code nanos0 / calls0} is the first
   * variant's mean time per call in {@link #interleaved}, and so on.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Turns {
    public long nanos0;
    public long nanos1;
    public long nanos2;
    public long nanos3;
    public long nanos4;
    public long nanos5;
    public long calls0;
    public long calls1;
    public long calls2;
    public long calls3;
    public long calls4;
    public long calls5;

    @Setup(Level.Iteration)
    public void reset() {
      nanos0 = nanos1 = nanos2 = nanos3 = nanos4 = nanos5 = 0;
      calls0 = calls1 = calls2 = calls3 = calls4 = calls5 = 0;
    }

    void add(int variant, long nanos) {
      switch (variant) {
        case 0:
          nanos0 += nanos;
          calls0++;
          break;
        case 1:
          nanos1 += nanos;
          calls1++;
          break;
        case 2:
          nanos2 += nanos;
          calls2++;
          break;
        case 3:
          nanos3 += nanos;
          calls3++;
          break;
        case 4:
          nanos4 += nanos;
          calls4++;
          break;
        default:
          nanos5 += nanos;
          calls5++;
          break;
      }
    }
  }

  @Setup(Level.Trial)
  public void open(BenchmarkParams benchmark) throws Exception {
    variants = new ArrayList<>();
    for (String name : path().split("\\+")) {
      variants.add(variant(name.trim()));
    }
    boolean single = benchmark.getBenchmark().endsWith(".call");
    CacheVariant.require(!single || variants.size() == 1, "call takes one variant; " + path() + " is for"
        + " interleaved");
    CacheVariant.require(variants.size() <= MAX_VARIANTS, "interleaved takes at most " + MAX_VARIANTS
        + " variants");
    CacheVariant.requireAgent(variants);
    admins = adminConnections();
    admins.forEach(Jedis::flushAll); // every fork starts from the same empty Redis, whatever ran before it
    for (CacheVariant each : variants) {
      sources.add(each.open());
    }
    source = sources.get(0);
    calls = new long[variants.size()];
    bodyRunsAtStart = new long[variants.size()];
  }

  @Setup(Level.Iteration)
  public void mark(IterationParams iteration) {
    for (int v = 0; v < variants.size(); v++) {
      sources.get(v).measuring(iteration.getType() == IterationType.MEASUREMENT);
      calls[v] = 0;
      bodyRunsAtStart[v] = sources.get(v).bodyRuns();
      for (String command : variants.get(v).commandsPerCall().keySet()) {
        commandsAtStart.put(command, commands(command));
      }
    }
  }

  /** One call of the one variant. */
  @Benchmark
  public Object call() throws Exception {
    calls[0]++;
    return source.call(sequence++);
  }

  /**
   * One call of every variant, the first one rotating from operation to operation, each timed on its own into
   * {@link Turns}; a miss's fill is awaited after its call, untimed ({@link CacheVariant.Source#settle}). The
   * operation's own time, JMH's primary score, is their sum plus those waits: only the counters mean something.
   */
  @Benchmark
  public void interleaved(Turns turns, Blackhole blackhole) throws Exception {
    int count = sources.size();
    int first = (int) (operations++ % count);
    for (int i = 0; i < count; i++) {
      int v = (first + i) % count;
      CacheVariant.Source each = sources.get(v);
      long start = System.nanoTime();
      Object result = each.call(sequence++);
      long nanos = System.nanoTime() - start;
      blackhole.consume(result);
      each.settle();
      calls[v]++;
      turns.add(v, nanos);
    }
  }

  @TearDown(Level.Iteration)
  public void check() {
    Map<String, Long> expected = new HashMap<>();
    for (int v = 0; v < variants.size(); v++) {
      CacheVariant variant = variants.get(v);
      long bodyRuns = sources.get(v).bodyRuns() - bodyRunsAtStart[v];
      long expectedRuns = variant.runsBody() ? calls[v] : 0;
      CacheVariant.require(bodyRuns == expectedRuns, variant + ": the method body ran " + bodyRuns + " times in "
          + calls[v] + " calls, not " + expectedRuns + (variant.runsBody() ? "; they were not all misses"
          : "; they were not all hits"));
      long made = calls[v];
      variant.commandsPerCall().forEach((command, perCall) -> expected.merge(command, perCall * made, Long::sum));
    }
    expected.forEach((command, count) -> {
      long ran = commands(command) - commandsAtStart.get(command);
      // Redis counts the commands scripts call too: the agent's scripts GET, the floor GETs, so interleaved with
      // them the floor's GETs can only be checked as a lower bound. MGET, EVALSHA and PING are exact: no script
      // calls them, and nothing else in the fork sends them during an iteration.
      boolean fits = command.equals("get") ? ran >= count : ran == count;
      CacheVariant.require(fits, variants + ": Redis ran " + command.toUpperCase(Locale.ROOT) + " " + ran
          + " times in the iteration, not " + count + " as the calls " + Arrays.toString(calls) + " should have");
    });
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    for (CacheVariant.Source each : sources) {
      each.close();
    }
    admins.forEach(Jedis::close);
  }

  /** How often {@code command} ran so far, summed over the servers (on a cluster each key's node counts its own). */
  private long commands(String command) {
    try {
      long sum = 0;
      for (Jedis admin : admins) {
        sum += BenchRedis.calls(admin, command);
      }
      return sum;
    } catch (JedisException e) {
      throw new IllegalStateException("cannot read INFO commandstats from the benchmark's Redis", e);
    }
  }
}
