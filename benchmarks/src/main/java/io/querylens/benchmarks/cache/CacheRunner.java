package io.querylens.benchmarks.cache;

import static io.querylens.benchmarks.RunnerSupport.atLeast;
import static io.querylens.benchmarks.RunnerSupport.cpuModel;
import static io.querylens.benchmarks.RunnerSupport.required;
import static io.querylens.benchmarks.RunnerSupport.withForks;

import io.querylens.benchmarks.VariantScores;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import redis.clients.jedis.Jedis;

/**
 * Runs the cache benchmarks ({@link CacheQuestion}): starts one redis-server (and, only when {@code hit-cluster} is
 * asked, a three-master Redis Cluster, {@link BenchCluster}), forks every variant of every question
 * with its own JVM arguments (the agent for the variants that need it, none for the others), then prints the JMH
 * table and {@link CacheSummary}'s verdicts.
 *
 * <p>As {@code io.querylens.benchmarks.OverheadRunner} does for the JDBC benchmark, the forks are dealt out in rounds,
 * each round one fork of every variant, the order reversed every other round, and each fork waits for a quiet machine
 * first: the machine's speed drifts over minutes, and this spreads the drift over all variants alike.
 *
 * <p>Separate forks are the realistic setting, each variant alone in its JVM, but on the reference machine a JVM's
 * speed differs by ±15% from one fork to the next and about as much from one second to the next, which a few forks
 * cannot average down to the 10% the hit target is about. So each round also runs every question once
 * <em>interleaved</em>: one JVM with the agent calls each of the question's variants in turn, timing every call
 * ({@link CacheBenchmarkBase#interleaved}), and {@link InterleavedSummary} compares them second by second. The
 * verdicts are the interleaved ones.
 *
 * <p>Unlike the JDBC runner,
 * this runner holds JMH's lock for the whole run ({@link JmhLock}), so that no other JMH run forks in between.
 *
 * <p>Usage, from the repository root (every option has a default):
 *
 * <pre>
 * java -cp benchmarks/target/querylens-benchmarks.jar io.querylens.benchmarks.cache.CacheRunner
 *     [--agent=agent/target/querylens-agent.jar]
 *     [--benchmarks=hit-floor,hit-invalidation,hit-cluster,hit-spring,miss,miss-warm,write]
 *     [--mode=both|forks|interleaved] [--rounds=2] [--warmup=3] [--iterations=4] [--interleaved-warmup=5]
 *     [--interleaved-iterations=15] [--warmup-time=1] [--time=1] [--quiet-cpus=0.25] [--wait-quiet=10]
 *     [--lock-free=30]
 *     [--jvm=/path/to/bin/java] [--reports-dir=/tmp/querylens-bench-reports]
 *     [--result=benchmarks/target/jmh-cache.json] [--log=benchmarks/target/jmh-cache.log] [--verbose]
 * </pre>
 */
public final class CacheRunner {
  /**
   * The tables every agent fork excludes from automatic invalidation ({@code ;} separates them inside
   * {@code -javaagent} arguments): {@link WritePath}'s {@code EXCLUDED_n} write them. No other benchmark touches them.
   */
  static final String EXCLUDED_TABLES = "audit1;audit2;audit3";

  private CacheRunner() {}

  public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println();
      System.err.println(Settings.USAGE);
      System.exit(2);
      return;
    }
    if (settings.help) {
      System.out.println(Settings.USAGE);
      return;
    }
    if (!Files.isRegularFile(settings.agentJar)) {
      System.err.println("No agent jar at " + settings.agentJar.toAbsolutePath() + ". Build it first (mvn -q install"
          + " -DskipTests at the repository root), run from the repository root, or pass --agent=PATH.");
      System.exit(2);
    }
    Files.createDirectories(settings.reportsDir);
    Files.createDirectories(settings.result.toAbsolutePath().getParent());

    PrintStream out = System.out;
    int variants = settings.questions.stream().mapToInt(q -> q.variantNames().size()).sum();
    int forkRuns = settings.mode.forks ? settings.rounds * variants : 0;
    int interleavedRuns = settings.mode.interleaved ? settings.rounds * settings.questions.size() : 0;
    long perFork = settings.warmup * (long) settings.warmupTime + settings.iterations * (long) settings.time + 5;
    long perInterleaved = settings.interleavedWarmup * (long) settings.warmupTime
        + settings.interleavedIterations * (long) settings.time + 6;
    long seconds = forkRuns * perFork + interleavedRuns * perInterleaved;
    out.printf(Locale.ROOT, "QueryLens cache benchmarks, %s: %d rounds of %s; about %d min.%n",
        settings.mode.name().toLowerCase(Locale.ROOT), settings.rounds,
        (settings.mode.forks ? String.format(Locale.ROOT, "%d separate forks (%d x %d s warm-up + %d x %d s)",
            variants, settings.warmup, settings.warmupTime, settings.iterations, settings.time) : "")
            + (settings.mode == Mode.BOTH ? " and " : "")
            + (settings.mode.interleaved ? String.format(Locale.ROOT, "%d interleaved forks (%d x %d s + %d x %d s)",
            settings.questions.size(), settings.interleavedWarmup, settings.warmupTime,
            settings.interleavedIterations, settings.time) : ""),
        (seconds + 59) / 60);

    Map<CacheQuestion, Map<String, List<BenchmarkResult>>> forks = new EnumMap<>(CacheQuestion.class);
    Map<CacheQuestion, Map<String, BenchmarkParams>> params = new EnumMap<>(CacheQuestion.class);
    Map<CacheQuestion, List<BenchmarkResult>> interleavedForks = new EnumMap<>(CacheQuestion.class);
    Map<CacheQuestion, BenchmarkParams> interleavedParams = new EnumMap<>(CacheQuestion.class);
    Map<String, String> environment;
    try (JmhLock machine = JmhLock.acquire(settings.lockFree, out);
        BenchRedis redis = BenchRedis.start();
        // Only hit-cluster needs it; a null resource is skipped on close.
        BenchCluster cluster = settings.questions.stream().anyMatch(CacheQuestion::cluster) ? BenchCluster.start()
            : null;
        PrintStream log = settings.verbose ? null
            : new PrintStream(Files.newOutputStream(settings.log), true, StandardCharsets.UTF_8)) {
      String redisVersion = redisVersion(redis.port);
      out.println("Redis: redis-server " + redisVersion + " on 127.0.0.1:" + redis.port + " (pid "
          + redis.pid + "); agent: " + settings.agentJar.toAbsolutePath());
      if (cluster != null) {
        out.println("Redis Cluster (hit-cluster only): " + BenchCluster.MASTERS + " masters, redis-server "
            + redisVersion(cluster.ports.get(0)) + " on " + cluster.seeds() + " (pids " + cluster.pids + ")");
      }
      out.println("JMH output: " + (settings.verbose ? "below" : settings.log.toAbsolutePath()));
      Servers servers = new Servers(redis, cluster);
      int run = 0;
      int runs = forkRuns + interleavedRuns;
      for (int round = 1; round <= settings.rounds; round++) {
        for (CacheQuestion question : settings.questions) {
          if (settings.mode.interleaved) {
            List<String> names = question.interleavedNames();
            run++;
            long waited = waitForQuiet(settings, servers.pids());
            RunResult result = runOne(settings, servers, question, "interleaved", String.join("+", names),
                settings.interleavedWarmup, settings.interleavedIterations, log);
            interleavedForks.computeIfAbsent(question, q -> new ArrayList<>()).addAll(result.getBenchmarkResults());
            interleavedParams.putIfAbsent(question, result.getParams());
            InterleavedSummary fork = new InterleavedSummary(question, names, result.getBenchmarkResults(),
                settings.quietCpus);
            out.printf(Locale.ROOT, "[%2d/%d] round %d  %-10s %-12s %s%s%n", run, runs, round, question.option(),
                "interleaved", String.join("; ", fork.verdicts()).replace("Target: ", ""),
                waited > 0 ? " (waited " + waited + " s for a quiet machine first)" : "");
          }
          if (!settings.mode.forks) {
            continue;
          }
          List<String> names = new ArrayList<>(question.variantNames());
          if (round % 2 == 0) {
            Collections.reverse(names);
          }
          for (String name : names) {
            run++;
            long waited = waitForQuiet(settings, servers.pids());
            RunResult result = runOne(settings, servers, question, "call", name, settings.warmup,
                settings.iterations, log);
            forks.computeIfAbsent(question, q -> new LinkedHashMap<>())
                .computeIfAbsent(name, n -> new ArrayList<>()).addAll(result.getBenchmarkResults());
            params.computeIfAbsent(question, q -> new LinkedHashMap<>()).putIfAbsent(name, result.getParams());
            VariantScores fork = VariantScores.of(result, settings.quietCpus);
            out.printf(Locale.ROOT, "[%2d/%d] round %d  %-10s %-14s %9.2f µs/op, %d/%d iterations quiet%s%n", run,
                runs, round, question.option(), name, result.getPrimaryResult().getScore(), fork.quiet.length,
                fork.all.length, waited > 0 ? " (waited " + waited + " s for a quiet machine first)" : "");
          }
        }
      }
      environment = new LinkedHashMap<>();
      environment.put("Redis", "redis-server " + redisVersion + " (embedded-redis), loopback, no persistence");
      if (cluster != null) {
        environment.put("Redis Cluster", BenchCluster.MASTERS + " masters of the same binary, no replicas, loopback,"
            + " no persistence (hit-cluster only)");
      }
    }

    Map<CacheQuestion, List<RunResult>> merged = new EnumMap<>(CacheQuestion.class);
    Map<CacheQuestion, InterleavedSummary> interleaved = new EnumMap<>(CacheQuestion.class);
    List<RunResult> all = new ArrayList<>();
    for (CacheQuestion question : settings.questions) {
      if (settings.mode.interleaved) {
        List<BenchmarkResult> results = interleavedForks.get(question);
        all.add(new RunResult(withForks(interleavedParams.get(question), results.size()), results));
        interleaved.put(question, new InterleavedSummary(question, question.interleavedNames(), results,
            settings.quietCpus));
      }
      if (settings.mode.forks) {
        for (String name : question.variantNames()) {
          List<BenchmarkResult> results = forks.get(question).get(name);
          RunResult result = new RunResult(withForks(params.get(question).get(name), results.size()), results);
          merged.computeIfAbsent(question, q -> new ArrayList<>()).add(result);
          all.add(result);
        }
      }
    }
    ResultFormatFactory.getInstance(ResultFormatType.JSON, settings.result.toString()).writeOut(all);

    out.println();
    ResultFormatFactory.getInstance(ResultFormatType.TEXT, out).writeOut(all);
    out.println();
    Map<String, String> described = describe(all, environment);
    new CacheSummary(merged, settings.quietCpus).print(out, described, interleaved);
    out.println();
    out.println("JMH results (JSON): " + settings.result.toAbsolutePath());
  }

  /** The run's Redis servers: the one redis-server, and the cluster if a question needs it (else null). */
  private record Servers(BenchRedis redis, BenchCluster cluster) {
    /** Every server's process id, whose work is the benchmark's, not interference. */
    List<Long> pids() {
      List<Long> pids = new ArrayList<>(List.of(redis.pid));
      if (cluster != null) {
        pids.addAll(cluster.pids);
      }
      return pids;
    }
  }

  /** One fork of {@code benchmark} ({@code call} or {@code interleaved}) on {@code path}. */
  private static RunResult runOne(Settings settings, Servers servers, CacheQuestion question, String benchmark,
      String path, int warmups, int iterations, PrintStream log) throws RunnerException {
    BenchRedis redis = servers.redis();
    List<String> jvmArgs = new ArrayList<>(List.of("-D" + BenchRedis.PORT_PROPERTY + "=" + redis.port,
        "-D" + BenchRedis.PID_PROPERTY + "=" + servers.pids().stream().map(String::valueOf)
            .collect(Collectors.joining(","))));
    // The cluster question's agent talks to the cluster only (redis.url then only gives credentials: none here).
    String store = "redis.url=redis://127.0.0.1:" + redis.port;
    if (question.cluster()) {
      jvmArgs.add("-D" + BenchCluster.NODES_PROPERTY + "=" + servers.cluster().seeds());
      store = "redis.cluster-nodes=" + servers.cluster().seeds();
    }
    if (Arrays.stream(path.split("\\+")).anyMatch(name -> question.variant(name).agent())) {
      jvmArgs.add("-javaagent:" + settings.agentJar.toAbsolutePath() + "=" + store
          + ",reports.dir=" + settings.reportsDir.toAbsolutePath() + ",cache.default-ttl=10m"
          + ",cache.invalidation.exclude-tables=" + EXCLUDED_TABLES);
    }
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + Pattern.quote(question.benchmark.getName() + "." + benchmark) + "$")
        .param("path", path)
        .forks(1)
        .warmupIterations(warmups)
        .warmupTime(TimeValue.seconds(settings.warmupTime))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(settings.time))
        .jvmArgsAppend(jvmArgs.toArray(new String[0]))
        .addProfiler(OtherProcessesCpuProfiler.class)
        .shouldFailOnError(true);
    for (int i = 0; i < question.params.size(); i += 2) {
      options.param(question.params.get(i), question.params.get(i + 1));
    }
    if (settings.jvm != null) {
      options.jvm(settings.jvm);
    }
    Runner runner = log == null ? new Runner(options.build())
        : new Runner(options.build(), OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL));
    Collection<RunResult> results = runner.run();
    if (results.size() != 1) {
      throw new IllegalStateException("expected one result for " + question.option() + "/" + path + ", got "
          + results.size() + (log == null ? "" : "; see " + settings.log.toAbsolutePath()));
    }
    return results.iterator().next();
  }

  /**
   * Before a fork, waits (up to {@code --wait-quiet} seconds) until processes other than this one and the idle
   * redis-server have used less than {@code --quiet-cpus} for a whole second.
   *
   * @return the seconds waited
   */
  private static long waitForQuiet(Settings settings, List<Long> redisPids) {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(settings.waitQuiet);
    while (System.nanoTime() < deadline) {
      long[] before = OtherProcessesCpuProfiler.sample(redisPids);
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      double other = OtherProcessesCpuProfiler.otherCpus(before, OtherProcessesCpuProfiler.sample(redisPids));
      if (Double.isNaN(other) || other < settings.quietCpus) {
        break;
      }
    }
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
  }

  private static String redisVersion(int port) {
    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
      for (String line : jedis.info("server").split("\r?\n")) {
        if (line.startsWith("redis_version:")) {
          return line.substring("redis_version:".length());
        }
      }
    }
    return "unknown";
  }

  /** The same parameters, counting the forks of every round, so the JSON says how many forks its numbers cover. */
  /** The machine, JVM and libraries the numbers belong to, as the forks reported them. */
  private static Map<String, String> describe(List<RunResult> results, Map<String, String> extra) {
    BenchmarkParams p = results.get(0).getParams();
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("JDK", p.getJdkVersion() + ", " + p.getVmName() + " " + p.getVmVersion());
    environment.put("JMH", p.getJmhVersion());
    environment.put("CPUs", Runtime.getRuntime().availableProcessors() + " (" + cpuModel() + ")");
    environment.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    environment.put("Jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION + " (floor, agent: shaded),"
        + " " + tools.jackson.databind.cfg.PackageVersion.VERSION + " (Spring)");
    environment.putAll(extra);
    for (RunResult result : results) {
      if (result.getParams().getJvmArgs().stream().anyMatch(arg -> arg.startsWith("-javaagent:"))) {
        environment.put("Agent fork args", String.join(" ", result.getParams().getJvmArgs())
            .replaceAll("-javaagent:\\S+?=", "-javaagent:querylens-agent.jar=").replaceAll("-D\\S+ ", ""));
        break;
      }
    }
    return environment;
  }

  /** Which forks a run makes. */
  enum Mode {
    FORKS(true, false),
    INTERLEAVED(false, true),
    BOTH(true, true);

    final boolean forks;
    final boolean interleaved;

    Mode(boolean forks, boolean interleaved) {
      this.forks = forks;
      this.interleaved = interleaved;
    }
  }

  /** The command line, parsed. */
  static final class Settings {
    static final String USAGE = String.join("\n",
        "Usage: java -cp benchmarks/target/querylens-benchmarks.jar io.querylens.benchmarks.cache.CacheRunner"
            + " [options], from the repository root",
        "  --agent=PATH        the agent jar (default: -Dquerylens.agent.jar, else agent/target/querylens-agent.jar)",
        "  --benchmarks=LIST   of hit-floor, hit-invalidation, hit-cluster, hit-spring, miss, miss-warm, write",
        "                      (default: all; hit-cluster also starts a 3-master Redis Cluster)",
        "  --mode=MODE         forks (each variant in its own JVMs), interleaved (a question's variants called",
        "                      in turn in one JVM with the agent), or both (default: both)",
        "  --rounds=N          rounds; each has one fork of every variant and one interleaved fork per question,",
        "                      the order of the variants reversed every other round (default: 2)",
        "  --warmup=N          warm-up iterations per separate fork (default: 3)",
        "  --iterations=N      measured iterations per separate fork (default: 4)",
        "  --interleaved-warmup=N      warm-up iterations per interleaved fork (default: 5)",
        "  --interleaved-iterations=N  measured iterations per interleaved fork (default: 15)",
        "  --warmup-time=S     length of every warm-up iteration (default: 1)",
        "  --time=SECONDS      length of every measured iteration (default: 1)",
        "  --quiet-cpus=X      an iteration counts if other processes used under X CPUs meanwhile (default: 0.25)",
        "  --wait-quiet=S      before each fork, wait up to S seconds for a quiet machine (default: 10)",
        "  --lock-free=S       first wait until no other JMH run has held its lock for S seconds (default: 30)",
        "  --jvm=PATH          the java binary for the forks (default: the one running this)",
        "  --reports-dir=PATH  where the agent writes its reports (default: <tmp>/querylens-bench-reports)",
        "  --result=PATH       JMH's JSON of all variants (default: jmh-cache.json beside this jar)",
        "  --log=PATH          JMH's own output (default: jmh-cache.log beside this jar)",
        "  --verbose           JMH's own output on the console instead of the log",
        "  --help");

    Path agentJar = Paths.get(System.getProperty("querylens.agent.jar", "agent/target/querylens-agent.jar"));
    List<CacheQuestion> questions = List.of(CacheQuestion.values());
    Mode mode = Mode.BOTH;
    int rounds = 2;
    int warmup = 3;
    int interleavedWarmup = 5;
    int interleavedIterations = 15;
    int warmupTime = 1;
    int iterations = 4;
    int time = 1;
    double quietCpus = 0.25;
    int waitQuiet = 10;
    int lockFree = 30;
    String jvm;
    Path reportsDir = Paths.get(System.getProperty("java.io.tmpdir"), "querylens-bench-reports");
    Path result = besideJar("jmh-cache.json");
    Path log = besideJar("jmh-cache.log");
    boolean verbose;
    boolean help;

    /** @throws IllegalArgumentException naming the bad option and what it accepts */
    static Settings parse(String[] args) {
      Settings settings = new Settings();
      for (String arg : args) {
        int equals = arg.indexOf('=');
        String name = equals < 0 ? arg : arg.substring(0, equals);
        String value = equals < 0 ? null : arg.substring(equals + 1);
        switch (name) {
          case "--agent":
            settings.agentJar = Paths.get(required(name, value));
            break;
          case "--benchmarks":
            List<CacheQuestion> questions = new ArrayList<>();
            for (String each : required(name, value).split(",")) {
              questions.add(CacheQuestion.ofOption(each));
            }
            settings.questions = questions;
            break;
          case "--mode":
            try {
              settings.mode = Mode.valueOf(required(name, value).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException(name + " takes forks, interleaved or both, not '" + value + "'");
            }
            break;
          case "--interleaved-warmup":
            settings.interleavedWarmup = atLeast(0, name, value);
            break;
          case "--interleaved-iterations":
            settings.interleavedIterations = atLeast(1, name, value);
            break;
          case "--rounds":
            settings.rounds = atLeast(1, name, value);
            break;
          case "--warmup":
            settings.warmup = atLeast(0, name, value);
            break;
          case "--warmup-time":
            settings.warmupTime = atLeast(1, name, value);
            break;
          case "--iterations":
            settings.iterations = atLeast(1, name, value);
            break;
          case "--time":
            settings.time = atLeast(1, name, value);
            break;
          case "--quiet-cpus":
            try {
              settings.quietCpus = Double.parseDouble(required(name, value));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException(name + " takes a number of CPUs such as 0.25, not '" + value + "'");
            }
            if (!(settings.quietCpus > 0)) {
              throw new IllegalArgumentException(name + " must be above 0, not '" + value + "'");
            }
            break;
          case "--wait-quiet":
            settings.waitQuiet = atLeast(0, name, value);
            break;
          case "--lock-free":
            settings.lockFree = atLeast(0, name, value);
            break;
          case "--jvm":
            settings.jvm = required(name, value);
            break;
          case "--reports-dir":
            settings.reportsDir = Paths.get(required(name, value));
            break;
          case "--result":
            settings.result = Paths.get(required(name, value));
            break;
          case "--log":
            settings.log = Paths.get(required(name, value));
            break;
          case "--verbose":
            settings.verbose = true;
            break;
          case "--help":
          case "-h":
            settings.help = true;
            break;
          default:
            throw new IllegalArgumentException("Unknown option '" + arg + "'");
        }
      }
      return settings;
    }

    private static Path besideJar(String name) {
      try {
        Path location = Paths.get(CacheRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return (Files.isDirectory(location) ? location : location.getParent()).resolve(name);
      } catch (URISyntaxException | RuntimeException unknown) {
        return Paths.get(name);
      }
    }
  }
}
