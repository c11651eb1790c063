package io.querylens.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ValidationMessage;
import io.querylens.agent.report.ReportSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived {@link FoodJvm} with the packaged agent attached: the same java as this test runs on, this JVM's class
 * path, a reports directory of its own. Commands go to its stdin; everything it prints is kept, for the tests to
 * check what the agent logged.
 */
final class JvmUnderTest implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long REPLY_SECONDS = 60;

  private final String name;
  private final Path reports;
  private final Process process;
  private final Writer commands;
  private final List<String> output = new ArrayList<>();
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private boolean ready;

  private JvmUnderTest(String name, Path reports, Process process) {
    this.name = name;
    this.reports = reports;
    this.process = process;
    this.commands = process.outputWriter(StandardCharsets.UTF_8);
    Thread drain = new Thread(this::drain, "output of " + name);
    drain.setDaemon(true);
    drain.start();
  }

  /**
   * Starts the JVM and returns at once (JVMs started together start in parallel); {@link #send} waits until it is
   * ready.
   *
   * @param agentArguments the agent's settings beside {@code reports.dir}, comma-separated
   */
  static JvmUnderTest launch(String name, String agentArguments, Path dir, String jdbcUrl, String label)
      throws IOException {
    Path reports = Files.createDirectories(dir.resolve(name + "-reports"));
    List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-javaagent:" + System.getProperty("querylens.it.agent.jar") + "=reports.dir=" + reports + ","
            + agentArguments,
        "-cp", System.getProperty("java.class.path"), FoodJvm.class.getName(), jdbcUrl, label);
    return new JvmUnderTest(name, reports, new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /** Sends one command and returns its answer; fails the test if none comes within a minute. */
  synchronized String send(String command) throws IOException, InterruptedException {
    if (!ready) {
      String started = reply("start-up");
      if (!started.equals("ready")) {
        fail(name + " said '" + started + "' instead of 'ready'; its output:\n" + output());
      }
      ready = true;
    }
    commands.write(command + "\n");
    commands.flush();
    return reply(command);
  }

  /** Where its agent writes the reports. */
  Path reports() {
    return reports;
  }

  /** Everything the JVM printed so far, the agent's log lines among it. */
  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** The lines of {@link #output()} that contain {@code part}. */
  List<String> lines(String part) {
    synchronized (output) {
      return output.stream().filter(line -> line.contains(part)).toList();
    }
  }

  /** Waits (bounded) until a line containing {@code part} was printed, and returns it. */
  String awaitLine(String part) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() - deadline < 0) {
      List<String> found = lines(part);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      Thread.sleep(20);
    }
    return fail(name + " printed no line with '" + part + "' in 30 s; its output:\n" + output());
  }

  /** The one line containing {@code part}; fails if there is none or more than one. */
  String onlyLine(String part) {
    List<String> found = lines(part);
    assertEquals(1, found.size(), () -> name + ": expected one line with '" + part + "'; its output:\n" + output());
    return found.get(0);
  }

  /** Fails if the JVM printed a stack trace: every condition these tests cause is an expected one. */
  void assertNoStackTrace() {
    assertTrue(lines("\tat ").isEmpty(), () -> name + " printed a stack trace:\n" + output());
  }

  /** The tables a report lists under {@code cache.<field>}. */
  static List<String> cacheTables(JsonNode report, String field) {
    JsonNode tables = report.path("cache").path(field);
    assertTrue(tables.isArray(), () -> "cache." + field + " is an array: " + report.toPrettyString());
    List<String> names = new ArrayList<>();
    tables.forEach(table -> names.add(table.asText()));
    return names;
  }

  /** Waits (bounded) for the report of the request to {@code path}, checked against the report schema. */
  JsonNode awaitReport(String path) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() - deadline < 0) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(reports, "*.json")) {
        for (Path file : files) {
          JsonNode report = JSON.readTree(file.toFile());
          if (path.equals(report.path("request").path("path").asText())) {
            Set<ValidationMessage> errors = ReportSchema.validate(report);
            assertTrue(errors.isEmpty(), () -> file + " does not conform to the report schema: " + errors);
            return report;
          }
        }
      }
      Thread.sleep(20);
    }
    return fail(name + " wrote no report for " + path + " in 20 s; its output:\n" + output());
  }

  @Override
  public void close() throws InterruptedException {
    try {
      if (process.isAlive()) {
        commands.write("exit\n");
        commands.flush();
      }
    } catch (IOException gone) {
      // It died already: its output says why.
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    System.out.println("---- " + name + " printed:\n" + output());
  }

  @Override
  public String toString() {
    return name;
  }

  private String reply(String command) throws InterruptedException {
    String reply = replies.poll(REPLY_SECONDS, TimeUnit.SECONDS);
    if (reply == null) {
      return fail(name + " did not answer '" + command + "' within " + REPLY_SECONDS + " s (alive: "
          + process.isAlive() + "); its output:\n" + output());
    }
    assertFalse(output().contains("querylens: unknown"), () -> "a setting the agent does not know:\n" + output());
    return reply;
  }

  private void drain() {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        synchronized (output) {
          output.add(line);
        }
        if (line.startsWith(FoodJvm.REPLY)) {
          replies.add(line.substring(FoodJvm.REPLY.length()));
        }
      }
    } catch (IOException e) {
      // The process ended.
    }
    replies.add("(the JVM exited: " + process.onExit().join().exitValue() + ")");
  }
}
