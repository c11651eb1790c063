package io.querylens.it;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ValidationMessage;
import io.querylens.agent.report.ReportSchema;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the reports the agent under test writes to {@code querylens.it.reports.dir}. */
final class Reports {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WAIT_MILLIS = 20_000;

  private Reports() {}

  static Path directory() {
    return Paths.get(System.getProperty("querylens.it.reports.dir", "target/it-reports"));
  }

  /** Waits (bounded) for the report of the request to {@code path}; each test uses paths of its own. */
  static JsonNode awaitOne(String path) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      List<JsonNode> found = find(path);
      if (found.size() == 1) {
        return found.get(0);
      }
      if (found.size() > 1) {
        fail("expected one report for " + path + " but found " + found.size() + ": " + found);
      }
      Thread.sleep(20);
    }
    return fail("no report for " + path + " in " + directory() + " after " + WAIT_MILLIS + " ms");
  }

  static List<JsonNode> find(String path) throws IOException {
    List<JsonNode> found = new ArrayList<>();
    if (!Files.isDirectory(directory())) {
      return found;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory(), "*.json")) {
      for (Path file : files) {
        JsonNode report;
        try {
          report = JSON.readTree(file.toFile());
        } catch (java.io.FileNotFoundException deletedMeanwhile) {
          continue; // reports.max-files retention removed an old report (of an earlier test) while listing
        }
        if (path.equals(report.path("request").path("path").asText())) {
          Set<ValidationMessage> errors = ReportSchema.validate(report);
          if (!errors.isEmpty()) {
            fail(file + " does not conform to the report schema: " + errors);
          }
          found.add(report);
        }
      }
    }
    return found;
  }

  static JsonNode statement(JsonNode report, String sqlFragment) {
    for (JsonNode statement : report.path("queries").path("statements")) {
      if (statement.path("sql").asText().contains(sqlFragment)) {
        return statement;
      }
    }
    return fail("no statement containing '" + sqlFragment + "' in " + report.toPrettyString());
  }
}
