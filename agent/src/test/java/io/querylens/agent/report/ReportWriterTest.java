package io.querylens.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.agent.bridge.WebBridge;
import io.querylens.agent.jdbc.StatementCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir
  Path directory;

  private List<String> reportFiles() throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void keepsAtMostMaxFilesDeletingTheOldestIncludingEarlierRuns() throws Exception {
    Files.writeString(directory.resolve("20000101T000000.000Z-000001-GET-old.json"), "{}");
    ReportWriter writer = new ReportWriter(directory, 3, 10, 5);
    writer.start();
    for (int i = 0; i < 4; i++) {
      writer.write(ReportJsonTest.sample());
    }
    List<String> files = reportFiles();
    assertEquals(3, files.size(), files::toString);
    assertFalse(files.contains("20000101T000000.000Z-000001-GET-old.json"));
    assertTrue(files.stream().allMatch(name -> name.endsWith("-GET-api_recipes.json")), files::toString);
    assertFalse(files.stream().anyMatch(name -> name.endsWith(".tmp")), "no temporary file is left behind");
  }

  @Test
  void aFullQueueIsOneWarningAndCatchingUpOneInfoWithoutAStackTrace() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    ReportWriter writer = new ReportWriter(directory, 100, 1, 5, line -> lines.add("WARN " + line),
        line -> lines.add("INFO " + line));
    WebBridge.install(writer, new StatementCatalog(10, 1000)::fingerprint, () -> null, 10, true);
    for (int i = 0; i < 5; i++) {
      WebBridge.close(WebBridge.open("GET", "/api/recipes"), 200);
    }
    assertEquals(List.of("WARN QueryLens: the report queue is full (reports.queue-size=1): reports are dropped and "
        + "counted, never waited for, and the next report written says how many (droppedBefore)"), lines);
    assertEquals(4, writer.lost());

    writer.start();
    awaitWritten(writer, 1);
    assertEquals("INFO QueryLens: reports are written again; 4 reports were lost meanwhile", lines.get(1));
    assertTrue(Files.readString(directory.resolve(reportFiles().get(0)))
        .matches("(?s).*\"droppedBefore\" ?: ?4\\b.*"));
  }

  @Test
  void aReportThatCannotBeWrittenIsCountedAndSaidOnce() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    ReportWriter writer = new ReportWriter(directory, 100, 10, 5, line -> lines.add("WARN " + line),
        line -> lines.add("INFO " + line));
    WebBridge.install(writer, new StatementCatalog(10, 1000)::fingerprint, () -> null, 10, true);
    writer.start();
    Files.delete(directory);
    WebBridge.close(WebBridge.open("GET", "/api/recipes"), 200);
    WebBridge.close(WebBridge.open("GET", "/api/recipes"), 200);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (writer.lost() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(1, lines.size(), lines::toString);
    assertTrue(lines.get(0).startsWith("WARN QueryLens: reports cannot be written to " + directory
        + ": NoSuchFileException: "), lines::toString);

    Files.createDirectories(directory);
    WebBridge.close(WebBridge.open("GET", "/api/recipes"), 200);
    awaitWritten(writer, 1);
    assertEquals(List.of("INFO QueryLens: reports are written again; 2 reports were lost meanwhile"),
        List.copyOf(lines).subList(1, lines.size()));
    assertTrue(Files.readString(directory.resolve(reportFiles().get(0)))
        .matches("(?s).*\"droppedBefore\" ?: ?2\\b.*"));
  }

  private static void awaitWritten(ReportWriter writer, long reports) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (writer.written() < reports) {
      assertTrue(System.nanoTime() < deadline, "no report was written");
      Thread.sleep(10);
    }
  }

  @Test
  void fileNamesSortByTimeAndAreSafe() {
    assertEquals("api_recipes_1", ReportWriter.slug("/api/recipes/1"));
    assertEquals("root", ReportWriter.slug("/"));
    assertEquals("a_b_c", ReportWriter.slug("/a/../b\\c"));
    assertEquals(60, ReportWriter.slug("/" + "x".repeat(500)).length());
  }
}
