package io.querylens.agent.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one report file into a {@link Report} with Jackson's tree model. Unknown fields are ignored (the format may
 * add fields within a version); a field the views need that is missing or of the wrong type makes the file
 * unreadable, rather than a silent zero that would let a budget check pass.
 */
public final class ReportReader {
  /** The {@code formatVersion} this reader understands; see reports/README.md. */
  static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportReader() {}

  public static Report read(Path file) throws UnreadableReportException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException notJson) {
      throw new UnreadableReportException("not JSON: " + notJson.getOriginalMessage(), notJson);
    } catch (IOException unreadable) {
      throw new UnreadableReportException("cannot be read: " + unreadable, unreadable);
    }
    return parse(file.getFileName().toString(), root);
  }

  static Report parse(String fileName, JsonNode root) throws UnreadableReportException {
    if (root == null || !root.isObject()) {
      throw new UnreadableReportException("not a JSON object");
    }
    long version = integer(root, "formatVersion", "formatVersion");
    if (version != FORMAT_VERSION) {
      throw new UnreadableReportException("formatVersion " + version + "; this reader knows " + FORMAT_VERSION);
    }
    JsonNode request = object(root, "request", "request");
    String method = text(request, "method", "request.method");
    String path = text(request, "path", "request.path");
    JsonNode queries = object(root, "queries", "queries");
    JsonNode cache = object(root, "cache", "cache");
    return new Report(
        fileName,
        method,
        path,
        EndpointRoute.of(method, path),
        (int) integer(request, "status", "request.status"),
        text(root, "startedAt", "startedAt"),
        number(root, "durationMs", "durationMs"),
        integer(queries, "count", "queries.count"),
        number(queries, "timeMs", "queries.timeMs"),
        statements(queries),
        queries.path("omitted").path("statements").asLong(0),
        integer(cache, "hits", "cache.hits"),
        integer(cache, "hits", "cache.hits") + integer(cache, "misses", "cache.misses")
            + integer(cache, "errors", "cache.errors") + integer(cache, "bypassed", "cache.bypassed"),
        cacheCalls(cache),
        cache.path("omittedCalls").asLong(0),
        strings(cache.path("invalidatedTables")),
        strings(cache.path("invalidationOwed")),
        strings(root.path("limits")));
  }

  /** An optional array of strings; absent (an older agent) reads as empty. */
  private static List<String> strings(JsonNode array) {
    List<String> strings = new ArrayList<>();
    for (JsonNode each : array) {
      if (each.isTextual()) {
        strings.add(each.asText());
      }
    }
    return strings;
  }

  private static List<Report.Statement> statements(JsonNode queries) throws UnreadableReportException {
    List<Report.Statement> statements = new ArrayList<>();
    for (JsonNode statement : array(queries, "statements", "queries.statements")) {
      JsonNode callSite = statement.path("callSite");
      statements.add(new Report.Statement(
          text(statement, "sql", "queries.statements[].sql"),
          integer(statement, "count", "queries.statements[].count"),
          number(statement, "timeMs", "queries.statements[].timeMs"),
          callSite.isTextual() ? callSite.asText() : null,
          statement.path("nPlusOne").asBoolean(false),
          statement.path("failed").asLong(0),
          statement.path("duplicates").isIntegralNumber() ? statement.path("duplicates").asLong() : -1));
    }
    return statements;
  }

  private static List<Report.CacheCall> cacheCalls(JsonNode cache) throws UnreadableReportException {
    List<Report.CacheCall> calls = new ArrayList<>();
    for (JsonNode call : array(cache, "calls", "cache.calls")) {
      calls.add(new Report.CacheCall(
          text(call, "cache", "cache.calls[].cache"),
          call.path("method").asText(""),
          text(call, "outcome", "cache.calls[].outcome"),
          call.path("timeMs").asDouble(0),
          call.path("queries").asLong(0),
          call.path("avoidedQueries").asLong(0),
          call.path("detail").isTextual() ? call.path("detail").asText() : null));
    }
    return calls;
  }

  private static JsonNode object(JsonNode parent, String name, String where) throws UnreadableReportException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isObject()) {
      throw missing(where, "an object");
    }
    return node;
  }

  private static JsonNode array(JsonNode parent, String name, String where) throws UnreadableReportException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isArray()) {
      throw missing(where, "an array");
    }
    return node;
  }

  private static String text(JsonNode parent, String name, String where) throws UnreadableReportException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isTextual()) {
      throw missing(where, "a string");
    }
    return node.asText();
  }

  private static long integer(JsonNode parent, String name, String where) throws UnreadableReportException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      throw missing(where, "an integer");
    }
    return node.asLong();
  }

  private static double number(JsonNode parent, String name, String where) throws UnreadableReportException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isNumber()) {
      throw missing(where, "a number");
    }
    return node.asDouble();
  }

  private static UnreadableReportException missing(String where, String expected) {
    return new UnreadableReportException(where + " is missing or not " + expected);
  }
}
