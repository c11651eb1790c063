package io.querylens.demo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's {@code reports.dir}: one JSON file per request, written by a background thread (temp file, then
 * rename), so a report shows up shortly after its response. Tests take a {@link #snapshot()} before a request and then
 * {@link #awaitNewReport wait} for a report with that request's path among the files that appeared since, which keeps
 * earlier requests to the same path (and the readiness polls) out of the picture.
 */
final class ReportDirectory {

  /** Reports are written asynchronously; this bounds the wait, it measures nothing. */
  private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(20);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path dir;

  private ReportDirectory(Path dir) {
    this.dir = dir;
  }

  /** An empty directory at {@code dir}, emptied if a previous run left reports there. */
  static ReportDirectory fresh(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> old = Files.list(dir)) {
        for (Path file : old.toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
    Files.createDirectories(dir);
    return new ReportDirectory(dir);
  }

  Path path() {
    return dir;
  }

  /** The report files present now. */
  Set<Path> snapshot() {
    return new HashSet<>(reportFiles());
  }

  /**
   * Waits for a report of a request to {@code requestPath} among the files not in {@code before}, and returns the
   * newest such report.
   *
   * @param context appended to the failure message (the demo's output, typically)
   * @throws AssertionError when none appears within {@link #REPORT_TIMEOUT}, listing what did appear
   */
  JsonNode awaitNewReport(String requestPath, Set<Path> before, Supplier<String> context)
      throws InterruptedException {
    long deadline = System.nanoTime() + REPORT_TIMEOUT.toNanos();
    Map<Path, String> seen = new LinkedHashMap<>();
    while (true) {
      List<JsonNode> matches = new ArrayList<>();
      for (Path file : reportFiles()) {
        if (before.contains(file)) {
          continue;
        }
        try {
          JsonNode report = JSON.readTree(file.toFile());
          String path = report.path("request").path("path").asString("<no request.path>");
          seen.put(file.getFileName(), path);
          if (requestPath.equals(path)) {
            matches.add(report);
          }
        } catch (JacksonException unreadable) {
          // Reports are renamed into place complete; an unreadable one is worth showing if nothing else comes.
          seen.put(file.getFileName(), "unreadable: " + unreadable.getOriginalMessage());
        }
      }
      if (!matches.isEmpty()) {
        return matches.stream().max(Comparator.comparing(ReportDirectory::startedAt)).orElseThrow();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("No report for request path " + requestPath + " appeared in " + dir + " within "
            + REPORT_TIMEOUT.toSeconds() + " s. New report files and their request.path: " + seen
            + ". Is the agent attached, and does it write reports to reports.dir?\n" + context.get());
      }
      Thread.sleep(50);
    }
  }

  /** A report, indented, for assertion messages. */
  static String describe(JsonNode report) {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
  }

  private static Instant startedAt(JsonNode report) {
    try {
      return Instant.parse(report.path("startedAt").asString());
    } catch (RuntimeException missingOrMalformed) {
      return Instant.MIN;
    }
  }

  private List<Path> reportFiles() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".json")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
