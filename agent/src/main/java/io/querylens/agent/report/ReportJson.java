package io.querylens.agent.report;

import io.querylens.agent.request.CacheCall;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes a {@link RequestReport} as JSON with Jackson's streaming generator: the field order and names are spelled
 * out here, in one place, rather than derived by reflection, because they are a public format.
 */
public final class ReportJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ReportJson() {}

  public static void write(RequestReport report, OutputStream out) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeNumberField("formatVersion", RequestReport.FORMAT_VERSION);
      json.writeObjectFieldStart("request");
      json.writeStringField("method", report.method());
      json.writeStringField("path", report.path());
      json.writeNumberField("status", report.status());
      json.writeEndObject();
      json.writeStringField("thread", report.thread());
      json.writeStringField("startedAt", report.startedAt().toString());
      writeMillis(json, "durationMs", report.durationNanos());
      writeQueries(json, report.queries());
      writeCache(json, report.cache());
      json.writeArrayFieldStart("limits");
      for (String limit : report.limits()) {
        json.writeString(limit);
      }
      json.writeEndArray();
      json.writeNumberField("droppedBefore", report.droppedBefore());
      json.writeEndObject();
    }
  }

  /** A count, or null where it was not kept ({@code duplicates} with {@code reports.duplicates=false}). */
  private static void writeCount(JsonGenerator json, String field, Integer count) throws IOException {
    if (count == null) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, count);
    }
  }

  private static void writeQueries(JsonGenerator json, RequestReport.Queries queries) throws IOException {
    json.writeObjectFieldStart("queries");
    json.writeNumberField("count", queries.count());
    writeMillis(json, "timeMs", queries.nanos());
    json.writeNumberField("failed", queries.failed());
    json.writeNumberField("distinct", queries.distinct());
    writeCount(json, "duplicates", queries.duplicates());
    json.writeNumberField("nPlusOneThreshold", queries.nPlusOneThreshold());
    json.writeArrayFieldStart("statements");
    for (RequestReport.Statement statement : queries.statements()) {
      json.writeStartObject();
      json.writeStringField("sql", statement.sql());
      json.writeNumberField("count", statement.count());
      writeMillis(json, "timeMs", statement.nanos());
      json.writeNumberField("failed", statement.failed());
      writeCount(json, "duplicates", statement.duplicates());
      json.writeNumberField("batches", statement.batches());
      json.writeNumberField("batchedRows", statement.batchedRows());
      json.writeStringField("callSite", statement.callSite());
      json.writeBooleanField("nPlusOne", statement.nPlusOne());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeBooleanField("truncated", queries.truncated());
    json.writeObjectFieldStart("omitted");
    json.writeNumberField("statements", queries.omittedStatements());
    json.writeNumberField("count", queries.omittedCount());
    writeMillis(json, "timeMs", queries.omittedNanos());
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void writeCache(JsonGenerator json, RequestReport.Cache cache) throws IOException {
    json.writeObjectFieldStart("cache");
    json.writeNumberField("hits", cache.hits());
    json.writeNumberField("misses", cache.misses());
    json.writeNumberField("errors", cache.errors());
    json.writeNumberField("bypassed", cache.bypassed());
    json.writeArrayFieldStart("calls");
    for (RequestReport.CacheCall call : cache.calls()) {
      json.writeStartObject();
      json.writeStringField("cache", call.cache());
      json.writeStringField("method", call.method());
      json.writeStringField("outcome", call.outcome());
      writeMillis(json, "timeMs", call.nanos());
      json.writeNumberField("queries", call.queries());
      json.writeNumberField("avoidedQueries", call.avoidedQueries());
      json.writeStringField("detail", call.detail());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeNumberField("omittedCalls", cache.omittedCalls());
    writeTables(json, "invalidatedTables", cache.invalidatedTables());
    writeTables(json, "invalidationOwed", cache.invalidationOwed());
    json.writeStringField("invalidatedAllBecause", cache.invalidatedAllBecause());
    json.writeEndObject();
  }

  private static void writeTables(JsonGenerator json, String name, Iterable<String> tables) throws IOException {
    json.writeArrayFieldStart(name);
    for (String table : tables) {
      json.writeString(table);
    }
    json.writeEndArray();
  }

  /** Milliseconds with microsecond precision: enough to rank statements, short enough to read. */
  private static void writeMillis(JsonGenerator json, String name, long nanos) throws IOException {
    json.writeNumberField(name, BigDecimal.valueOf(nanos / 1000).movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY));
  }
}
