package io.querylens.benchmarks.startup;

import io.querylens.benchmarks.Statistics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@code -javaagent} flag costs an application at start-up: time from launching {@code java} to the first
 * answered request, and the peak resident memory ({@code VmHWM}) at that moment, with no agent, with QueryLens and with
 * the OpenTelemetry Java agent as the reference, and with an agent that changes nothing ({@link FloorAgent}, the
 * JVM's own charge for any agent), interleaved round by round (the order rotates) so that a noisy
 * machine hurts every variant alike. Medians and ratios against no agent.
 *
 * <pre>
 * java -cp benchmarks/target/querylens-benchmarks.jar io.querylens.benchmarks.startup.StartupRunner \
 *     --app=demo-app/target/querylens-demo.jar --path=/api/recipes --rounds=5
 * </pre>
 */
public final class StartupRunner {
  private static final Duration START_LIMIT = Duration.ofSeconds(120);

  private StartupRunner() {}

  /** A way to start the application: extra JVM options before {@code -jar}. */
  record Variant(String name, List<String> jvmOptions) {}

  /**
   * One start: milliseconds to the first answered request, peak RSS in KiB then, and (with {@code --nmt=true}) what
   * Native Memory Tracking says each part of the JVM had committed then, in KiB.
   */
  record Start(long millis, long peakRssKib, long cpuMillis, Map<String, Long> committedKib,
      Map<String, Long> threadCpuMillis) {}

  /** The parts of the JVM that an agent can grow, as {@code VM.native_memory summary} names them. */
  static final List<String> NMT_PARTS = List.of("Java Heap", "Class", "Code", "GC", "Symbol", "Thread", "Internal",
      "Other", "Arena Chunk", "Metaspace");

  public static void main(String[] arguments) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("app", "demo-app/target/querylens-demo.jar");
    options.put("path", "/api/recipes");
    options.put("rounds", "5");
    options.put("agent", "agent/target/querylens-agent.jar");
    options.put("otel", "benchmarks/target/otel/opentelemetry-javaagent.jar");
    options.put("agent-args", "reports.dir=" + Files.createTempDirectory("querylens-startup-reports"));
    options.put("java", Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    options.put("nmt", "false");
    // CPU per thread at the first answer (compiler threads, main, the agents' own...): where a difference comes from.
    options.put("threads", "false");
    // The floor: an agent whose one transformer changes nothing (FloorAgent), to tell the JVM's charge for any
    // agent apart from QueryLens's own.
    options.put("floor", "true");
    // Options every variant gets, space-separated: a class-data sharing archive (-XX:SharedArchiveFile=...).
    options.put("jvm-options", "");
    Options.parse(options, arguments);
    List<String> common = options.get("jvm-options").isBlank() ? List.of()
        : List.of(options.get("jvm-options").trim().split("\\s+"));
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("no agent", common));
    variants.add(new Variant("QueryLens", concat(common,
        "-javaagent:" + options.get("agent") + "=" + options.get("agent-args"))));
    if (Boolean.parseBoolean(options.get("floor"))) {
      variants.add(new Variant("floor agent", concat(common,
          "-javaagent:" + FloorAgent.writeJar(Files.createTempDirectory("querylens-floor-agent")))));
    }
    if (Files.exists(Paths.get(options.get("otel")))) {
      variants.add(new Variant("OTel agent", concat(common, "-javaagent:" + options.get("otel"),
          "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none")));
    } else {
      System.out.println("OTel agent not found at " + options.get("otel") + ": measured without it");
    }
    int rounds = Integer.parseInt(options.get("rounds"));
    Map<String, List<Start>> starts = new LinkedHashMap<>();
    variants.forEach(variant -> starts.put(variant.name(), new ArrayList<>()));
    System.out.printf(Locale.ROOT, "%s, first answered GET %s, %d rounds, %s%s%n", options.get("app"),
        options.get("path"), rounds, options.get("java"),
        common.isEmpty() ? "" : ", every variant with " + String.join(" ", common));
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < variants.size(); i++) {
        Variant variant = variants.get((i + round) % variants.size());
        Start start = start(options.get("java"), variant, Paths.get(options.get("app")), options.get("path"),
            Boolean.parseBoolean(options.get("nmt")), Boolean.parseBoolean(options.get("threads")));
        starts.get(variant.name()).add(start);
        System.out.printf(Locale.ROOT, "  round %d %-12s %6d ms %7d KiB %6d ms CPU%n", round + 1, variant.name(),
            start.millis(), start.peakRssKib(), start.cpuMillis());
      }
    }
    double baseTime = median(starts.get("no agent"), false);
    double baseRss = median(starts.get("no agent"), true);
    double baseCpu = Statistics.median(starts.get("no agent").stream().mapToDouble(Start::cpuMillis).toArray());
    List<Start> floor = starts.get("floor agent");
    System.out.printf(Locale.ROOT, "%-12s %12s %8s %14s %10s %13s %8s %8s %9s%n", "variant", "median ms", "ratio",
        "median RSS MiB", "+MiB", "median CPU ms", "ratio", "paired", "vs floor");
    for (Map.Entry<String, List<Start>> variant : starts.entrySet()) {
      double time = median(variant.getValue(), false);
      double rss = median(variant.getValue(), true);
      double cpu = Statistics.median(variant.getValue().stream().mapToDouble(Start::cpuMillis).toArray());
      System.out.printf(Locale.ROOT, "%-12s %12.0f %8s %14.0f %10s %13.0f %8s %8s %9s%n", variant.getKey(), time,
          String.format(Locale.ROOT, "x%.3f", time / baseTime), rss / 1024,
          String.format(Locale.ROOT, "%+.0f", (rss - baseRss) / 1024), cpu,
          String.format(Locale.ROOT, "x%.3f", cpu / baseCpu),
          String.format(Locale.ROOT, "x%.3f", pairedCpuRatio(variant.getValue(), starts.get("no agent"))),
          floor == null ? "" : String.format(Locale.ROOT, "x%.3f", pairedCpuRatio(variant.getValue(), floor)));
    }
    System.out.println("(paired: the median over rounds of the CPU ratio to no agent in the same round, which a "
        + "machine whose speed drifts during the run disturbs less; vs floor: the same against the floor agent, "
        + "what an agent costs above the JVM's charge for any agent)");
    if (Boolean.parseBoolean(options.get("threads"))) {
      printThreads(starts);
    }
    if (Boolean.parseBoolean(options.get("nmt"))) {
      System.out.println("Native Memory Tracking, committed MiB at the first answer (medians):");
      System.out.printf(Locale.ROOT, "%-12s", "variant");
      for (String part : NMT_PARTS) {
        System.out.printf(Locale.ROOT, " %11s", part);
      }
      System.out.println();
      for (Map.Entry<String, List<Start>> variant : starts.entrySet()) {
        System.out.printf(Locale.ROOT, "%-12s", variant.getKey());
        for (String part : NMT_PARTS) {
          double[] values = variant.getValue().stream()
              .mapToDouble(start -> start.committedKib().getOrDefault(part, 0L)).toArray();
          System.out.printf(Locale.ROOT, " %11.1f", Statistics.median(values) / 1024);
        }
        System.out.println();
      }
    }
  }

  private static void printThreads(Map<String, List<Start>> starts) {
    Map<String, Long> order = new LinkedHashMap<>();
    starts.values().forEach(list -> list.forEach(start -> start.threadCpuMillis()
        .forEach((group, millis) -> order.merge(group, millis, Math::max))));
    List<String> groups = order.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(14).map(Map.Entry::getKey).toList();
    System.out.println("CPU ms per thread group at the first answer (medians; threads named alike are summed):");
    System.out.printf(Locale.ROOT, "%-24s", "thread group");
    starts.keySet().forEach(variant -> System.out.printf(Locale.ROOT, " %12s", variant));
    System.out.println();
    for (String group : groups) {
      System.out.printf(Locale.ROOT, "%-24s", group);
      for (List<Start> variant : starts.values()) {
        double[] values = variant.stream().mapToDouble(start -> start.threadCpuMillis().getOrDefault(group, 0L))
            .toArray();
        System.out.printf(Locale.ROOT, " %12.0f", Statistics.median(values));
      }
      System.out.println();
    }
  }

  private static List<String> concat(List<String> first, String... more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(more));
    return all;
  }

  /** Each variant starts once per round, so the i-th start of each belongs to the same round. */
  private static double pairedCpuRatio(List<Start> variant, List<Start> noAgent) {
    double[] ratios = new double[Math.min(variant.size(), noAgent.size())];
    for (int round = 0; round < ratios.length; round++) {
      ratios[round] = (double) variant.get(round).cpuMillis() / noAgent.get(round).cpuMillis();
    }
    return Statistics.median(ratios);
  }

  private static double median(List<Start> starts, boolean rss) {
    double[] values = starts.stream().mapToDouble(start -> rss ? start.peakRssKib() : start.millis()).toArray();
    return Statistics.median(values);
  }

  /** Launches the application, waits for its first 200 on {@code path}, reads its peak RSS, and stops it. */
  static Start start(String java, Variant variant, Path app, String path, boolean nmt, boolean threads)
      throws Exception {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(java);
    if (nmt) {
      command.add("-XX:NativeMemoryTracking=summary");
    }
    command.addAll(variant.jvmOptions());
    command.add("-jar");
    command.add(app.toString());
    command.add("--server.port=" + port);
    Path log = Files.createTempFile("querylens-startup-", ".log");
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(30)).build();
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(variant.name() + ": the application exited; its output:\n"
              + Files.readString(log));
        }
        if (System.nanoTime() - started > START_LIMIT.toNanos()) {
          throw new IllegalStateException(variant.name() + ": no answer within " + START_LIMIT);
        }
        try {
          if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            long peak = peakRssKib(process.pid());
            long cpu = cpuMillis(process.pid());
            return new Start(millis, peak, cpu, nmt ? committed(java, process.pid()) : Map.of(),
                threads ? threadCpuMillis(process.pid(), cpu) : Map.of());
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(10);
      }
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      Files.deleteIfExists(log);
    }
  }

  /** {@code jcmd <pid> VM.native_memory summary}: committed KiB per part of the JVM. */
  static Map<String, Long> committed(String java, long pid) throws Exception {
    Path jcmd = Paths.get(java).resolveSibling("jcmd");
    Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.native_memory", "summary")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(30, TimeUnit.SECONDS);
    return parseNativeMemory(output);
  }

  /** Lines like {@code -   Java Heap (reserved=1024KB, committed=512KB)}; later lines of a part are its details. */
  static Map<String, Long> parseNativeMemory(String summary) {
    Map<String, Long> committed = new LinkedHashMap<>();
    Matcher line = Pattern.compile("(?m)^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)").matcher(summary);
    while (line.find()) {
      committed.put(line.group(1).trim(), Long.parseLong(line.group(2)));
    }
    return committed;
  }

  /**
   * CPU time the process has used, user and system, from {@code /proc/<pid>/stat} (in clock ticks of 10 ms): less
   * disturbed than wall time by what else the machine runs, and what the agent's background threads cost too.
   */
  static long cpuMillis(long pid) throws IOException {
    return cpuMillis(Files.readString(Paths.get("/proc/" + pid + "/stat")));
  }

  /** User and system CPU time in a {@code stat} line of a process or a thread. */
  static long cpuMillis(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
  }

  /**
   * CPU time per group of live threads ({@code /proc/<pid>/task/<tid>/stat}), a group being the threads whose names
   * differ only in trailing digits or in a port ({@code C2 CompilerThread0}, {@code C2 CompilerThread1};
   * {@code http-nio-41873-exec-1}). The kernel keeps 15 characters of a name. Threads that have
   * already ended show only in the process's total: they are the {@code (ended threads)} group.
   */
  static Map<String, Long> threadCpuMillis(long pid, long processCpuMillis) throws IOException {
    Map<String, Long> groups = new LinkedHashMap<>();
    long live = 0;
    try (var tasks = Files.list(Paths.get("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String name = Files.readString(task.resolve("comm")).strip()
              .replaceAll("[0-9]{4,}|[0-9]+$", "#");
          long millis = cpuMillis(Files.readString(task.resolve("stat")));
          groups.merge(name, millis, Long::sum);
          live += millis;
        } catch (IOException ended) {
          // the thread ended while being read: its time is in the process's total
        }
      }
    }
    groups.put("(ended threads)", Math.max(0, processCpuMillis - live));
    return groups;
  }

  /** {@code VmHWM} of the process: the most resident memory it has had. */
  static long peakRssKib(long pid) throws IOException {
    for (String line : Files.readAllLines(Paths.get("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
