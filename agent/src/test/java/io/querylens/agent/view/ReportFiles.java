package io.querylens.agent.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes report files as the agent names and lays them out, with the numbers a test chooses: one request a second
 * from a fixed start, so that file names sort in the order written. Totals (query count and time, cache counts) are
 * derived from the statements and calls given, as the agent derives them.
 */
public final class ReportFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path directory;
  private Instant next = Instant.parse("2026-11-28T08:00:00.000Z");
  private int sequence;

  public ReportFiles(Path directory) {
    this.directory = directory;
  }

  public Builder request(String method, String path) {
    return new Builder(method, path);
  }

  public final class Builder {
    private final String method;
    private final String path;
    private double durationMs = 100;
    private final List<ObjectNode> statements = new ArrayList<>();
    private final List<ObjectNode> calls = new ArrayList<>();
    private long omittedStatements;
    private long omittedCount;

    private Builder(String method, String path) {
      this.method = method;
      this.path = path;
    }

    public Builder durationMs(double ms) {
      durationMs = ms;
      return this;
    }

    /** A statement; {@code nPlusOne} when {@code count >= 5}, the agent's default threshold. */
    public Builder statement(String sql, long count, double timeMs, String callSite) {
      ObjectNode statement = JSON.createObjectNode();
      statement.put("sql", sql).put("count", count).put("timeMs", millis(timeMs)).put("failed", 0)
          .put("duplicates", 0).put("batches", 0).put("batchedRows", 0).put("callSite", callSite)
          .put("nPlusOne", count >= 5);
      statements.add(statement);
      return this;
    }

    /** Statements beyond reports.max-statements: counted in the totals, not listed. */
    public Builder omitted(long distinctStatements, long count) {
      omittedStatements = distinctStatements;
      omittedCount = count;
      return this;
    }

    public Builder cacheCall(String cache, String outcome) {
      ObjectNode call = JSON.createObjectNode();
      call.put("cache", cache).put("method", "Repository.find").put("outcome", outcome).put("timeMs", millis(1))
          .put("queries", outcome.equals("hit") ? 0 : 1).put("avoidedQueries", outcome.equals("hit") ? 1 : 0)
          .putNull("detail");
      calls.add(call);
      return this;
    }

    /** Writes the file and returns it. */
    public Path write() throws IOException {
      Instant startedAt = next;
      next = next.plusSeconds(1);
      sequence++;
      String name = NAME_TIME.format(startedAt) + "-" + String.format("%06d", sequence) + "-" + method + "-"
          + path.replaceAll("^/", "").replaceAll("[^A-Za-z0-9]", "_") + ".json";
      Path file = directory.resolve(name);
      Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(startedAt)));
      return file;
    }

    public ObjectNode json(Instant startedAt) {
      ObjectNode report = JSON.createObjectNode();
      report.put("formatVersion", 1);
      report.putObject("request").put("method", method).put("path", path).put("status", 200);
      report.put("thread", "http-nio-8080-exec-1");
      report.put("startedAt", startedAt.toString());
      report.put("durationMs", millis(durationMs));
      ObjectNode queries = report.putObject("queries");
      queries.put("count", statements.stream().mapToLong(s -> s.get("count").asLong()).sum() + omittedCount);
      queries.put("timeMs", millis(statements.stream().mapToDouble(s -> s.get("timeMs").asDouble()).sum()));
      queries.put("failed", 0).put("distinct", statements.size() + omittedStatements).put("duplicates", 0)
          .put("nPlusOneThreshold", 5);
      queries.putArray("statements").addAll(statements);
      queries.put("truncated", omittedStatements > 0);
      queries.putObject("omitted").put("statements", omittedStatements).put("count", omittedCount)
          .put("timeMs", millis(0));
      ObjectNode cache = report.putObject("cache");
      cache.put("hits", count("hit")).put("misses", count("miss") + count("stale")).put("errors", count("error"))
          .put("bypassed", count("bypass"));
      cache.putArray("calls").addAll(calls);
      cache.put("omittedCalls", 0);
      cache.putArray("invalidatedTables");
      cache.putArray("invalidationOwed");
      cache.putNull("invalidatedAllBecause");
      ArrayNode limits = report.putArray("limits");
      if (omittedStatements > 0) {
        limits.add("reports.max-statements");
      }
      report.put("droppedBefore", 0);
      return report;
    }

    private long count(String outcome) {
      return calls.stream().filter(call -> call.get("outcome").asText().equals(outcome)).count();
    }
  }

  /** Milliseconds with three decimals, as the agent writes them. */
  private static BigDecimal millis(double ms) {
    return BigDecimal.valueOf(ms).setScale(3, java.math.RoundingMode.HALF_UP);
  }
}
