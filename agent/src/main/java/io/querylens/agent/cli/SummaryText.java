package io.querylens.agent.cli;

import io.querylens.agent.view.CacheStats;
import io.querylens.agent.view.EndpointStats;
import io.querylens.agent.view.NPlusOneStatement;
import io.querylens.agent.view.ReportSummary;
import java.util.List;
import java.util.Locale;

/**
 * A {@link ReportSummary} as text whose every line fits {@link #WIDTH} columns: long endpoints, call sites and SQL are
 * cut with {@code ...}, so the columns line up in a terminal and in a CI log.
 */
final class SummaryText {
  static final int WIDTH = 100;

  /** Endpoints table: the numeric columns take 53 characters, the endpoint the rest. */
  private static final String ENDPOINT_ROW = "%-47s %5s %6s %5s %5s %7s %5s %5s %7s%n";
  private static final int ENDPOINT_WIDTH = 47;

  /** N+1 list: counts, then endpoint, call site and SQL on lines of their own under the text column. */
  private static final String N_PLUS_ONE_ROW = "%6s %6s  %s%n";
  private static final String N_PLUS_ONE_INDENT = " ".repeat(15);
  private static final int N_PLUS_ONE_TEXT_WIDTH = WIDTH - N_PLUS_ONE_INDENT.length();

  private static final String CACHE_ROW = "%-43s %7s %7s %7s %7s %7s %7s %6s%n";
  private static final int CACHE_WIDTH = 43;

  private final int top;

  SummaryText(int top) {
    this.top = top;
  }

  String render(String directory, ReportSummary summary) {
    StringBuilder text = new StringBuilder();
    text.append(Text.cutMiddle("QueryLens summary of " + directory, WIDTH)).append('\n');
    text.append(Text.plural(summary.requests(), "request", "requests")).append(", ")
        .append(Text.plural(summary.endpoints().size(), "endpoint", "endpoints")).append('\n');
    if (summary.requests() == 0) {
      text.append("No reports to summarise: is this the agent's reports.dir?\n");
      return text.toString();
    }
    text.append('\n');
    endpoints(text, summary.endpoints());
    text.append('\n');
    nPlusOnes(text, summary.nPlusOnes());
    text.append('\n');
    caches(text, summary.caches(), summary.omittedCacheCalls());
    return text.toString();
  }

  private void endpoints(StringBuilder text, List<EndpointStats> endpoints) {
    text.append("Endpoints, worst first (by p95 queries, then median DB time)\n");
    text.append(String.format(Locale.ROOT, "%-52s %19s %7s %5s %5s %7s%n", "", "queries per request", "DB ms", "DB",
        "N+1", "cache"));
    text.append(String.format(Locale.ROOT, ENDPOINT_ROW, "endpoint", "reqs", "median", "p95", "max", "median",
        "share", "reqs", "hits"));
    for (EndpointStats endpoint : endpoints.subList(0, Math.min(top, endpoints.size()))) {
      text.append(String.format(Locale.ROOT, ENDPOINT_ROW,
          Text.cutMiddle(endpoint.endpoint(), ENDPOINT_WIDTH),
          Text.count(endpoint.requests(), 5),
          Text.count(endpoint.medianQueries(), 6),
          Text.count(endpoint.p95Queries(), 5),
          Text.count(endpoint.maxQueries(), 5),
          Text.millis(endpoint.medianDbTimeMs(), 7),
          Text.percent(endpoint.dbShare()),
          Text.count(endpoint.nPlusOneRequests(), 5),
          Text.percent(endpoint.cacheHitRatio())));
    }
    more(text, endpoints.size(), "endpoint", "endpoints");
    text.append("Percentiles are nearest-rank; DB share = time in queries / request time.\n");
  }

  private void nPlusOnes(StringBuilder text, List<NPlusOneStatement> statements) {
    if (statements.isEmpty()) {
      text.append("No N+1 statements.\n");
      return;
    }
    text.append("Worst N+1 statements (most executions in one request first)\n");
    text.append(String.format(Locale.ROOT, N_PLUS_ONE_ROW, "max", "reqs", "endpoint / call site / statement"));
    for (NPlusOneStatement statement : statements.subList(0, Math.min(top, statements.size()))) {
      text.append(String.format(Locale.ROOT, N_PLUS_ONE_ROW, Text.count(statement.maxCount(), 6),
          Text.count(statement.requests(), 6),
          Text.cutMiddle(statement.endpoint(), N_PLUS_ONE_TEXT_WIDTH)));
      text.append(N_PLUS_ONE_INDENT)
          .append(Text.cutStart(CheckText.callSite(statement.callSite()), N_PLUS_ONE_TEXT_WIDTH)).append('\n');
      text.append(N_PLUS_ONE_INDENT).append(Text.cutEnd(statement.sql(), N_PLUS_ONE_TEXT_WIDTH)).append('\n');
    }
    more(text, statements.size(), "N+1 statement", "N+1 statements");
  }

  private void caches(StringBuilder text, List<CacheStats> caches, long omittedCalls) {
    if (caches.isEmpty()) {
      text.append("No @Cached calls.\n");
      return;
    }
    text.append("Caches, busiest first (hits = hits / all calls)\n");
    text.append(String.format(Locale.ROOT, CACHE_ROW, "cache", "calls", "hit", "miss", "stale", "error", "bypass",
        "hits"));
    for (CacheStats cache : caches) {
      text.append(String.format(Locale.ROOT, CACHE_ROW, Text.cutMiddle(cache.cache(), CACHE_WIDTH),
          Text.count(cache.calls(), 7), Text.count(cache.hits(), 7), Text.count(cache.misses(), 7),
          Text.count(cache.stale(), 7), Text.count(cache.errors(), 7), Text.count(cache.bypassed(), 7),
          Text.percent(cache.hitRatio())));
    }
    if (omittedCalls > 0) {
      text.append(Text.plural(omittedCalls, "call", "calls"))
          .append(" beyond the 100 a report lists are not counted per cache.\n");
    }
  }

  private void more(StringBuilder text, int size, String singular, String plural) {
    if (size > top) {
      text.append("... and ").append(Text.plural(size - top, "more " + singular, "more " + plural))
          .append(" (--top ").append(size).append(" shows all)\n");
    }
  }
}
