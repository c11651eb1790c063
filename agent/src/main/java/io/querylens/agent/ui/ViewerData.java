package io.querylens.agent.ui;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.querylens.agent.view.EndpointStats;
import io.querylens.agent.view.Report;
import io.querylens.agent.view.ReportFolder;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the page reads: the endpoints table computed here (by {@link EndpointStats}, as the terminal summary
 * does) and the requests in a compact form. SQL, call sites, cache names and details repeat across requests, so each
 * is written once in {@code strings} and referred to by index: 10,000 requests of the demo make about 2 MB instead of
 * 20. The page turns indexes back into strings as it reads.
 */
final class ViewerData {
  private static final JsonFactory JSON = new JsonFactory();

  private ViewerData() {}

  /** A request and the number the live index gave it, which the page sends back to ask only for newer ones. */
  record Numbered(long id, Report report) {}

  /**
   * @param endpoints the table over every request known, or null to leave it out (nothing changed)
   * @param skipped unreadable files, or null
   */
  static String json(String source, List<EndpointStats> endpoints, List<Numbered> requests, long cursor,
      ReportFolder.Skipped skipped) {
    StringWriter text = new StringWriter(256 + requests.size() * 300);
    try (JsonGenerator json = JSON.createGenerator(text)) {
      Strings strings = new Strings();
      json.writeStartObject();
      json.writeStringField("source", source);
      json.writeNumberField("cursor", cursor);
      if (skipped != null && skipped.count() > 0) {
        json.writeObjectFieldStart("skipped");
        json.writeNumberField("count", skipped.count());
        json.writeStringField("firstFile", skipped.firstFile());
        json.writeStringField("firstReason", skipped.firstReason());
        json.writeEndObject();
      }
      if (endpoints != null) {
        json.writeArrayFieldStart("endpoints");
        for (EndpointStats endpoint : endpoints) {
          writeEndpoint(json, endpoint);
        }
        json.writeEndArray();
      }
      json.writeArrayFieldStart("requests");
      for (Numbered request : requests) {
        writeRequest(json, request, strings);
      }
      json.writeEndArray();
      // Last, once every request has added its strings.
      json.writeArrayFieldStart("strings");
      for (String string : strings.inOrder) {
        json.writeString(string);
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException impossible) {
      throw new IllegalStateException("writing to a string failed", impossible);
    }
    // Inside <script>, "</script>" or "<!--" in a SQL text or path would end the data early; JSON allows \u003c.
    return text.toString().replace("<", "\\u003c");
  }

  private static void writeEndpoint(JsonGenerator json, EndpointStats endpoint) throws IOException {
    json.writeStartObject();
    json.writeStringField("endpoint", endpoint.endpoint());
    json.writeNumberField("requests", endpoint.requests());
    json.writeNumberField("medianQueries", endpoint.medianQueries());
    json.writeNumberField("p95Queries", endpoint.p95Queries());
    json.writeNumberField("maxQueries", endpoint.maxQueries());
    json.writeNumberField("medianDbTimeMs", endpoint.medianDbTimeMs());
    json.writeNumberField("p95DbTimeMs", endpoint.p95DbTimeMs());
    json.writeNumberField("maxDbTimeMs", endpoint.maxDbTimeMs());
    if (endpoint.dbShare().isPresent()) {
      json.writeNumberField("dbShare", endpoint.dbShare().getAsDouble());
    } else {
      json.writeNullField("dbShare");
    }
    json.writeNumberField("nPlusOneRequests", endpoint.nPlusOneRequests());
    json.writeNumberField("nPlusOneStatements", endpoint.nPlusOneStatements());
    json.writeNumberField("cacheHits", endpoint.cacheHits());
    json.writeNumberField("cacheCalls", endpoint.cacheCalls());
    json.writeEndObject();
  }

  private static void writeRequest(JsonGenerator json, Numbered numbered, Strings strings) throws IOException {
    Report report = numbered.report();
    json.writeStartObject();
    json.writeNumberField("id", numbered.id());
    json.writeStringField("file", report.fileName());
    json.writeStringField("endpoint", report.endpoint());
    json.writeStringField("method", report.method());
    json.writeStringField("path", report.path());
    json.writeNumberField("status", report.status());
    json.writeStringField("startedAt", report.startedAt());
    json.writeNumberField("durationMs", report.durationMs());
    json.writeNumberField("queries", report.queryCount());
    json.writeNumberField("dbTimeMs", report.queryTimeMs());
    json.writeNumberField("omittedStatements", report.omittedStatements());
    // [sql, count, timeMs, callSite (-1: none), nPlusOne (0/1), failed, duplicates (-1: not tracked)]
    json.writeArrayFieldStart("statements");
    for (Report.Statement statement : report.statements()) {
      json.writeStartArray();
      json.writeNumber(strings.index(statement.sql()));
      json.writeNumber(statement.count());
      json.writeNumber(statement.timeMs());
      json.writeNumber(strings.index(statement.callSite()));
      json.writeNumber(statement.nPlusOne() ? 1 : 0);
      json.writeNumber(statement.failed());
      json.writeNumber(statement.duplicates());
      json.writeEndArray();
    }
    json.writeEndArray();
    json.writeNumberField("cacheHits", report.cacheHits());
    json.writeNumberField("cacheCalls", report.cacheCallsTotal());
    json.writeNumberField("omittedCacheCalls", report.omittedCacheCalls());
    // [cache, method, outcome, timeMs, queries, avoidedQueries, detail (-1: none)]
    json.writeArrayFieldStart("calls");
    for (Report.CacheCall call : report.cacheCalls()) {
      json.writeStartArray();
      json.writeNumber(strings.index(call.cache()));
      json.writeNumber(strings.index(call.method()));
      json.writeString(call.outcome());
      json.writeNumber(call.timeMs());
      json.writeNumber(call.queries());
      json.writeNumber(call.avoidedQueries());
      json.writeNumber(strings.index(call.detail()));
      json.writeEndArray();
    }
    json.writeEndArray();
    writeStrings(json, "invalidatedTables", report.invalidatedTables());
    writeStrings(json, "invalidationOwed", report.invalidationOwed());
    writeStrings(json, "limits", report.limits());
    json.writeEndObject();
  }

  private static void writeStrings(JsonGenerator json, String name, List<String> values) throws IOException {
    json.writeArrayFieldStart(name);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  /** The strings of one payload, each once. */
  private static final class Strings {
    final List<String> inOrder = new java.util.ArrayList<>();
    final Map<String, Integer> indexes = new HashMap<>();

    int index(String value) {
      if (value == null) {
        return -1;
      }
      return indexes.computeIfAbsent(value, added -> {
        inOrder.add(added);
        return inOrder.size() - 1;
      });
    }
  }
}
