package io.querylens.benchmarks.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.benchmarks.ForeignCpuProfiler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the JMH JSON that {@link CacheRunner} wrote and prints each interleaved question's table and verdicts three
 * times: over the quiet iterations (what the runner prints), over the busy ones (other processes used at least
 * {@code --quiet-cpus}) and over all. On the reference machine the two regimes differ in kind, not only in noise: a
 * round trip to Redis is markedly <em>faster</em> while another process keeps the vCPUs awake than on an idle
 * machine, where each wake-up costs the hypervisor's halt and resume, so a difference made of round trips is larger
 * in the quiet iterations. Separate-fork results in the file are skipped.
 *
 * <pre>{@code
 * java -cp benchmarks/target/querylens-benchmarks.jar io.querylens.benchmarks.cache.CacheResults \
 *     benchmarks/results/cache-jdk17.json [--quiet-cpus=0.25]
 * }</pre>
 */
public final class CacheResults {
  private CacheResults() {}

  public static void main(String[] args) throws IOException {
    double quietCpus = 0.25;
    List<Path> files = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--quiet-cpus=")) {
        quietCpus = Double.parseDouble(arg.substring("--quiet-cpus=".length()));
      } else {
        files.add(Paths.get(arg));
      }
    }
    if (files.isEmpty()) {
      System.err.println("Usage: CacheResults jmh-cache.json... [--quiet-cpus=0.25]");
      System.exit(2);
    }
    for (Path file : files) {
      print(file, quietCpus, System.out);
    }
  }

  static void print(Path file, double quietCpus, PrintStream out) throws IOException {
    out.println(file);
    for (JsonNode benchmark : new ObjectMapper().readTree(file.toFile())) {
      String name = benchmark.get("benchmark").asText();
      if (!name.endsWith(".interleaved")) {
        continue;
      }
      CacheQuestion question = questionOf(name, benchmark.get("params"));
      List<String> names = List.of(benchmark.get("params").get("path").asText().split("\\+"));
      JsonNode metrics = benchmark.get("secondaryMetrics");
      JsonNode foreign = metrics.get(ForeignCpuProfiler.LABEL).get("rawData");
      List<double[]> all = new ArrayList<>();
      List<double[]> quiet = new ArrayList<>();
      List<double[]> busy = new ArrayList<>();
      for (int fork = 0; fork < foreign.size(); fork++) {
        for (int iteration = 0; iteration < foreign.get(fork).size(); iteration++) {
          double[] scores = new double[names.size()];
          for (int v = 0; v < scores.length; v++) {
            scores[v] = metrics.get("nanos" + v).get("rawData").get(fork).get(iteration).asDouble()
                / metrics.get("calls" + v).get("rawData").get(fork).get(iteration).asDouble() / 1000;
          }
          all.add(scores);
          (foreign.get(fork).get(iteration).asDouble() < quietCpus ? quiet : busy).add(scores);
        }
      }
      out.println();
      out.println(question.title + " (" + question.benchmark.getSimpleName() + ")");
      section(out, question, names, quiet, foreign.size(), String.format(Locale.ROOT,
          "quiet iterations (other processes < %.2f CPUs)", quietCpus));
      section(out, question, names, busy, foreign.size(), "busy iterations (the rest)");
      section(out, question, names, all, foreign.size(), "all iterations");
    }
  }

  private static void section(PrintStream out, CacheQuestion question, List<String> names, List<double[]> samples,
      int forks, String title) {
    out.println(" " + title + ":");
    if (samples.size() < 2) {
      out.println("  " + samples.size() + " iteration(s): too few to judge");
      return;
    }
    InterleavedSummary summary = new InterleavedSummary(question, names, samples, samples, forks);
    summary.print(out);
    for (String line : summary.verdicts()) {
      out.println("  " + line);
    }
  }

  private static CacheQuestion questionOf(String benchmark, JsonNode params) {
    for (CacheQuestion question : CacheQuestion.values()) {
      if (!benchmark.equals(question.benchmark.getName() + ".interleaved")) {
        continue;
      }
      boolean matches = true;
      for (int i = 0; i < question.params.size(); i += 2) {
        JsonNode value = params.get(question.params.get(i));
        matches &= value != null && value.asText().equals(question.params.get(i + 1));
      }
      if (matches) {
        return question;
      }
    }
    throw new IllegalArgumentException("no question for " + benchmark + " " + params);
  }
}
