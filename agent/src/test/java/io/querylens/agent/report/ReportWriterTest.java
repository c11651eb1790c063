package io.querylens.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  void fileNamesSortByTimeAndAreSafe() {
    assertEquals("api_recipes_1", ReportWriter.slug("/api/recipes/1"));
    assertEquals("root", ReportWriter.slug("/"));
    assertEquals("a_b_c", ReportWriter.slug("/a/../b\\c"));
    assertEquals(60, ReportWriter.slug("/" + "x".repeat(500)).length());
  }
}
