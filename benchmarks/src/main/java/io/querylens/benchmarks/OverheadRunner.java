package io.querylens.benchmarks;

import static io.querylens.benchmarks.RunnerSupport.atLeast;
import static io.querylens.benchmarks.RunnerSupport.cpuModel;
import static io.querylens.benchmarks.RunnerSupport.required;
import static io.querylens.benchmarks.RunnerSupport.withForks;

import io.querylens.benchmarks.jdbc.AgentMode;
import io.querylens.benchmarks.jdbc.Driver;
import io.querylens.benchmarks.jdbc.ExecuteOverheadBenchmark;
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

/**
 * Runs {@link ExecuteOverheadBenchmark} once per {@link AgentMode}, each mode in JVMs forked with its own
 * {@code -javaagent} arguments (the agent cannot be switched inside a JVM), then prints the JMH table of all of them
 * and what the agent adds per execute.
 *
 * <p>The machine this runs on is small and shared, so its speed drifts over minutes. Running all forks of one mode
 * and then all of the next would fold that drift into the differences; instead the forks are dealt out in rounds,
 * each round one fork of every (driver, mode), the order of the modes reversed every other round. JMH's statistics
 * then cover each variant's forks from every round, as if they had been one run.
 *
 * <p>Usage, from the repository root (every option has a default):
 *
 * <pre>
 * java -jar benchmarks/target/querylens-benchmarks.jar [--agent=agent/target/querylens-agent.jar]
 *     [--drivers=H2,HIKARI,STUB] [--modes=NONE,FLOOR,OUTSIDE,INSIDE] [--rounds=4] [--warmup=6] [--iterations=5]
 *     [--time=1] [--quiet-cpus=0.2] [--wait-quiet=20]
 *     [--jvm=/path/to/bin/java] [--reports-dir=/tmp/querylens-bench-reports]
 *     [--result=benchmarks/target/jmh-overhead.json] [--log=benchmarks/target/jmh-overhead.log] [--verbose]
 * </pre>
 */
public final class OverheadRunner {
  /** The targets, in nanoseconds added per execute. */
  static final double OUTSIDE_TARGET_NANOS = 20;
  static final double INSIDE_TARGET_NANOS = 200;

  private static final String BENCHMARK = ExecuteOverheadBenchmark.class.getName() + ".lookup";

  private OverheadRunner() {}

  public static void main(String[] args) throws RunnerException, IOException {
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
      System.err.println("No agent jar at " + settings.agentJar.toAbsolutePath() + ". Build it first (mvn -q"
          + " -DskipTests package at the repository root), run from the repository root, or pass --agent=PATH.");
      System.exit(2);
    }
    Files.createDirectories(settings.reportsDir);
    Files.createDirectories(settings.result.toAbsolutePath().getParent());

    PrintStream out = System.out;
    int runs = settings.rounds * settings.drivers.size() * settings.modes.size();
    long estimatedSeconds = runs * ((settings.warmup + settings.iterations) * (long) settings.time + 4);
    out.printf(Locale.ROOT, "QueryLens execute overhead: %d drivers x %d agent modes x %d forks (one per round),"
            + " %d warm-up + %d measured iterations of %d s; about %d min.%n",
        settings.drivers.size(), settings.modes.size(), settings.rounds, settings.warmup, settings.iterations,
        settings.time, (estimatedSeconds + 59) / 60);
    out.println("Agent: " + settings.agentJar.toAbsolutePath() + "; reports: " + settings.reportsDir.toAbsolutePath());
    out.println("JMH output: " + (settings.verbose ? "below" : settings.log.toAbsolutePath()));

    Map<Driver, Map<AgentMode, List<BenchmarkResult>>> forks = new EnumMap<>(Driver.class);
    Map<Driver, Map<AgentMode, BenchmarkParams>> params = new EnumMap<>(Driver.class);
    int run = 0;
    try (PrintStream log = settings.verbose ? null
        : new PrintStream(Files.newOutputStream(settings.log), true, StandardCharsets.UTF_8)) {
      for (int round = 1; round <= settings.rounds; round++) {
        List<AgentMode> modes = new ArrayList<>(settings.modes);
        if (round % 2 == 0) {
          Collections.reverse(modes);
        }
        for (Driver driver : settings.drivers) {
          for (AgentMode mode : modes) {
            run++;
            long waited = waitForQuiet(settings);
            RunResult result = runOne(settings, driver, mode, log);
            forks.computeIfAbsent(driver, d -> new EnumMap<>(AgentMode.class))
                .computeIfAbsent(mode, m -> new ArrayList<>()).addAll(result.getBenchmarkResults());
            params.computeIfAbsent(driver, d -> new EnumMap<>(AgentMode.class)).putIfAbsent(mode, result.getParams());
            VariantScores fork = VariantScores.of(result, settings.quietCpus);
            String wait = waited > 0 ? " (waited " + waited + " s for a quiet machine first)" : "";
            out.printf(Locale.ROOT,
                "[%2d/%d] round %d  driver=%-6s agent=%-7s  %9.1f ns/op, %d/%d iterations quiet%s%n", run, runs,
                round, driver, mode, result.getPrimaryResult().getScore(), fork.quiet.length, fork.all.length, wait);
          }
        }
      }
    }

    List<RunResult> merged = new ArrayList<>();
    for (Driver driver : settings.drivers) {
      for (AgentMode mode : settings.modes) {
        List<BenchmarkResult> results = forks.get(driver).get(mode);
        merged.add(new RunResult(withForks(params.get(driver).get(mode), results.size()), results));
      }
    }
    ResultFormatFactory.getInstance(ResultFormatType.JSON, settings.result.toString()).writeOut(merged);

    out.println();
    ResultFormatFactory.getInstance(ResultFormatType.TEXT, out).writeOut(merged);
    out.println();
    new OverheadSummary(merged, settings.quietCpus, OUTSIDE_TARGET_NANOS, INSIDE_TARGET_NANOS)
        .print(out, environment(merged.get(0)));
    out.println();
    out.println("JMH results (JSON): " + settings.result.toAbsolutePath());
  }

  private static RunResult runOne(Settings settings, Driver driver, AgentMode mode, PrintStream log)
      throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + Pattern.quote(BENCHMARK) + "$")
        .param("driver", driver.name())
        .param("agent", mode.name())
        .forks(1)
        .warmupIterations(settings.warmup)
        .warmupTime(TimeValue.seconds(settings.time))
        .measurementIterations(settings.iterations)
        .measurementTime(TimeValue.seconds(settings.time))
        .jvmArgsAppend(mode.jvmArgs(settings.agentJar, settings.reportsDir).toArray(new String[0]))
        .addProfiler(ForeignCpuProfiler.class)
        .shouldFailOnError(true);
    if (settings.jvm != null) {
      options.jvm(settings.jvm);
    }
    Runner runner = log == null ? new Runner(options.build())
        : new Runner(options.build(), OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL));
    Collection<RunResult> results = null;
    boolean told = false;
    while (results == null) {
      try {
        results = runner.run();
      } catch (RunnerException e) {
        // JMH's lock file (/tmp/jmh.lock): another benchmark, maybe someone else's, owns the machine. Both would
        // measure each other, so wait for it rather than fail or force the lock.
        if (e.getMessage() == null || !e.getMessage().contains("JMH lock")) {
          throw e;
        }
        if (!told) {
          System.out.println("        another JMH run holds /tmp/jmh.lock; waiting for it to finish");
          told = true;
        }
        sleep(5000);
      }
    }
    if (results.size() != 1) {
      throw new IllegalStateException("expected one result for " + driver + "/" + mode + ", got " + results.size());
    }
    return results.iterator().next();
  }

  /**
   * Before a fork, waits (up to {@code --wait-quiet} seconds) until other processes have used less than
   * {@code --quiet-cpus} for a whole second: no use starting a warm-up in the middle of someone's build.
   *
   * @return the seconds waited
   */
  private static long waitForQuiet(Settings settings) {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(settings.waitQuiet);
    while (System.nanoTime() < deadline) {
      MachineLoad.Sample before = MachineLoad.sample();
      sleep(1000);
      double foreign = MachineLoad.foreignCpus(before, MachineLoad.sample());
      if (Double.isNaN(foreign) || foreign < settings.quietCpus) {
        break;
      }
    }
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The same parameters, counting the forks of every round, so the JSON says how many forks its numbers cover. */
  /** The machine and JVM the numbers belong to, as the forks reported them. */
  private static Map<String, String> environment(RunResult any) {
    BenchmarkParams p = any.getParams();
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("JDK", p.getJdkVersion() + ", " + p.getVmName() + " " + p.getVmVersion());
    environment.put("JMH", p.getJmhVersion());
    environment.put("CPUs", Runtime.getRuntime().availableProcessors() + " (" + cpuModel() + ")");
    environment.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    environment.put("Forked JVM args", String.join(" ", p.getJvmArgs()).replaceAll("-javaagent:\\S+", "[agent]"));
    return environment;
  }

  /** The command line, parsed. */
  static final class Settings {
    static final String USAGE = String.join("\n",
        "Usage: java -jar benchmarks/target/querylens-benchmarks.jar [options], from the repository root",
        "  --agent=PATH        the agent jar (default: -Dquerylens.agent.jar, else agent/target/querylens-agent.jar)",
        "  --drivers=LIST      of H2, HIKARI, STUB (default: all)",
        "  --modes=LIST        of NONE, FLOOR, OUTSIDE, OUTSIDE_NO_CACHE, OUTSIDE_NO_DUPLICATES, INSIDE,",
        "                      INSIDE_NO_DUPLICATES, ALTERNATING (default: NONE,FLOOR,OUTSIDE,INSIDE)",
        "  --rounds=N          forks per variant, one per round, rounds interleaved (default: 4)",
        "  --warmup=N          warm-up iterations per fork (default: 6)",
        "  --iterations=N      measured iterations per fork (default: 5)",
        "  --time=SECONDS      length of every iteration (default: 1)",
        "  --quiet-cpus=X      an iteration counts if other processes used under X CPUs meanwhile (default: 0.2)",
        "  --wait-quiet=S      before each fork, wait up to S seconds for a quiet machine (default: 20)",
        "  --jvm=PATH          the java binary for the forks (default: the one running this)",
        "  --reports-dir=PATH  where the agent writes its reports (default: <tmp>/querylens-bench-reports)",
        "  --result=PATH       JMH's JSON of all variants (default: jmh-overhead.json beside this jar)",
        "  --log=PATH          JMH's own output (default: jmh-overhead.log beside this jar)",
        "  --verbose           JMH's own output on the console instead of the log",
        "  --help");

    Path agentJar = Paths.get(System.getProperty("querylens.agent.jar", "agent/target/querylens-agent.jar"));
    List<Driver> drivers = Arrays.asList(Driver.values());
    List<AgentMode> modes = List.of(AgentMode.NONE, AgentMode.FLOOR, AgentMode.OUTSIDE, AgentMode.INSIDE);
    int rounds = 4;
    int warmup = 6;
    int iterations = 5;
    int time = 1;
    double quietCpus = 0.2;
    int waitQuiet = 20;
    String jvm;
    Path reportsDir = Paths.get(System.getProperty("java.io.tmpdir"), "querylens-bench-reports");
    Path result = besideJar("jmh-overhead.json");
    Path log = besideJar("jmh-overhead.log");
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
          case "--drivers":
            settings.drivers = constants(Driver.class, name, value);
            break;
          case "--modes":
            settings.modes = constants(AgentMode.class, name, value);
            break;
          case "--rounds":
            settings.rounds = positive(name, value);
            break;
          case "--warmup":
            settings.warmup = positive(name, value);
            break;
          case "--iterations":
            settings.iterations = positive(name, value);
            break;
          case "--time":
            settings.time = positive(name, value);
            break;
          case "--quiet-cpus":
            try {
              settings.quietCpus = Double.parseDouble(required(name, value));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException(name + " takes a number of CPUs such as 0.2, not '" + value + "'");
            }
            if (!(settings.quietCpus > 0)) {
              throw new IllegalArgumentException(name + " must be above 0, not '" + value + "'");
            }
            break;
          case "--wait-quiet":
            settings.waitQuiet = atLeast(0, name, value);
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

    private static <E extends Enum<E>> List<E> constants(Class<E> type, String name, String value) {
      List<E> constants = new ArrayList<>();
      for (String each : required(name, value).split(",")) {
        try {
          E constant = Enum.valueOf(type, each.trim().toUpperCase(Locale.ROOT));
          if (!constants.contains(constant)) {
            constants.add(constant);
          }
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(name + ": unknown '" + each + "'; known: "
              + Arrays.toString(type.getEnumConstants()));
        }
      }
      return constants;
    }

    private static int positive(String name, String value) {
      return atLeast(1, name, value);
    }

    private static Path besideJar(String name) {
      try {
        Path location = Paths.get(OverheadRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return (Files.isDirectory(location) ? location : location.getParent()).resolve(name);
      } catch (URISyntaxException | RuntimeException unknown) {
        return Paths.get(name);
      }
    }
  }
}
