package io.querylens.demo.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The packaged demo running in its own JVM, as a user runs it: {@code java [-javaagent:...] -jar querylens-demo.jar}.
 * It listens on a free loopback port; everything it prints (stdout and stderr, merged in order) is kept for
 * assertions and copied to a log file. {@link #close()} always ends the process, forcibly if it does not stop in time,
 * and a shutdown hook does the same should the test JVM itself be stopped.
 */
final class DemoProcess implements AutoCloseable {

  /** Startup takes 5-10 s on two cores; this bound only exists so a hung start fails instead of hanging the build. */
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** Answers without running SQL, so polling it for readiness adds nothing to Hibernate's counters. */
  private static final String READINESS_PATH = "/api/stats/hibernate";

  private final String name;
  private final Process process;
  private final int port;
  private final Path logFile;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final Thread outputPump;
  private final Thread killOnExit;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  private DemoProcess(String name, Process process, int port, Path logFile) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.logFile = logFile;
    this.outputPump = new Thread(this::pumpOutput, "demo-output-" + name);
    this.outputPump.setDaemon(true);
    this.outputPump.start();
    this.killOnExit = new Thread(process::destroyForcibly, "demo-kill-" + name);
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * Starts the demo jar on {@code jdk} and waits until it answers HTTP.
   *
   * @param javaAgentOption the whole {@code -javaagent:...} option, or {@code null} to run without the agent
   * @param environment variables to set in the demo's environment, such as {@code QUERYLENS_REDIS_URL}
   * @param logFile where to copy the process output
   * @throws AssertionError with the process output when it exits or is not up within {@link #STARTUP_TIMEOUT}
   */
  static DemoProcess start(String name, Jdk jdk, Path demoJar, String javaAgentOption,
      Map<String, String> environment, Path logFile) throws IOException, InterruptedException {
    int port = freeLoopbackPort();
    List<String> command = new ArrayList<>();
    command.add(jdk.java().toString());
    if (javaAgentOption != null) {
      command.add(javaAgentOption);
    }
    command.addAll(List.of("-jar", demoJar.toString(), "--server.address=127.0.0.1", "--server.port=" + port));

    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // The same app, database, Redis and agent settings every time, whatever the developer's shell holds: no
    // PostgreSQL or Redis from the environment, and no JVM options that would print "Picked up ..." lines into the
    // output under test. Then only what the test asks for.
    builder.environment().keySet().removeIf(
        key -> key.startsWith("SPRING_") || key.startsWith("DEMO_") || key.startsWith("QUERYLENS_"));
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("_JAVA_OPTIONS");
    builder.environment().putAll(environment);

    Files.createDirectories(logFile.getParent());
    StringBuilder commandLine = new StringBuilder();
    new TreeMap<>(environment).forEach((key, value) -> commandLine.append(key).append('=').append(value).append(' '));
    Files.writeString(logFile, commandLine + String.join(" ", command) + System.lineSeparator());
    DemoProcess demo = new DemoProcess(name, builder.start(), port, logFile);
    try {
      demo.awaitReady();
      return demo;
    } catch (Throwable failure) {
      demo.close();
      throw failure;
    }
  }

  /** GETs {@code path} and returns status and body. */
  HttpResult get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new HttpResult(response.statusCode(), response.body());
  }

  /** POSTs {@code json} to {@code path} and returns status and body. */
  HttpResult post(String path, String json) throws IOException, InterruptedException {
    return send("POST", path, json);
  }

  /** PUTs {@code json} to {@code path} and returns status and body. */
  HttpResult put(String path, String json) throws IOException, InterruptedException {
    return send("PUT", path, json);
  }

  private HttpResult send(String method, String path, String json) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new HttpResult(response.statusCode(), response.body());
  }

  /** Every line the process printed so far. */
  List<String> output() {
    return List.copyOf(output);
  }

  /** The last lines of output, for failure messages. */
  String outputTail(int lines) {
    List<String> all = output();
    List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
    return "--- last " + tail.size() + " of " + all.size() + " lines of " + name + " (full log: " + logFile + ") ---\n"
        + String.join("\n", tail) + "\n--- end of " + name + " output ---";
  }

  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
      outputPump.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException interrupted) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or about to: it kills the process anyway.
      }
    }
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    String lastProblem = "no attempt yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        outputPump.join(TimeUnit.SECONDS.toMillis(5));
        throw new AssertionError(name + " exited with code " + process.exitValue() + " before it answered HTTP.\n"
            + outputTail(80));
      }
      try {
        HttpRequest probe = HttpRequest.newBuilder(uri(READINESS_PATH)).timeout(Duration.ofSeconds(5)).build();
        int status = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200) {
          return;
        }
        lastProblem = "HTTP " + status + " from " + READINESS_PATH;
      } catch (ConnectException | HttpTimeoutException notYet) {
        lastProblem = notYet.toString();
      } catch (IOException other) {
        lastProblem = other.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError(name + " did not answer on port " + port + " within " + STARTUP_TIMEOUT.toSeconds()
        + " s (last problem: " + lastProblem + ").\n" + outputTail(80));
  }

  private void pumpOutput() {
    try (BufferedReader reader =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.APPEND)) {
      String line;
      while ((line = reader.readLine()) != null) {
        output.add(line);
        log.write(line);
        log.write(System.lineSeparator());
        log.flush();
      }
    } catch (IOException e) {
      output.add("[test harness: output stream closed: " + e + "]");
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  /** A response: status and body; headers such as Date legitimately differ between runs and are left out. */
  record HttpResult(int status, String body) {}
}
