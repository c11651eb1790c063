package io.querylens.agent.report;

import io.querylens.agent.request.CacheCall;
import io.querylens.agent.request.RequestScope;
import io.querylens.agent.request.CacheLog;
import io.querylens.agent.request.QueryLog;
import io.querylens.agent.request.StatementStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The immutable report of one request, as written to disk. Field names are the public format documented in
 * {@code reports/README.md} and {@code reports/querylens-report.schema.json}; change them only with
 * {@link #FORMAT_VERSION}.
 */
public record RequestReport(
    String method,
    String path,
    int status,
    String thread,
    Instant startedAt,
    long durationNanos,
    Queries queries,
    Cache cache,
    List<String> limits,
    long droppedBefore) {

  public static final int FORMAT_VERSION = 1;

  public record Queries(
      int count,
      long nanos,
      int failed,
      int distinct,
      Integer duplicates,
      int nPlusOneThreshold,
      List<Statement> statements,
      boolean truncated,
      int omittedStatements,
      int omittedCount,
      long omittedNanos) {}

  public record Statement(
      String sql,
      int count,
      long nanos,
      int failed,
      Integer duplicates,
      int batches,
      long batchedRows,
      String callSite,
      boolean nPlusOne) {}

  /**
   * The request's cache activity; {@code invalidatedTables} are the tables its writes made stale in Redis, and
   * {@code invalidationOwed} those whose bump could not reach Redis yet ({@code *} for every entry, with
   * {@code invalidatedAllBecause} saying why).
   */
  public record Cache(int hits, int misses, int errors, int bypassed, List<CacheCall> calls, int omittedCalls,
      List<String> invalidatedTables, List<String> invalidationOwed, String invalidatedAllBecause) {
    public static final Cache EMPTY = new Cache(0, 0, 0, 0, List.of(), 0, List.of(), List.of(), null);
  }

  /** One {@code @Cached} call: outcome is hit, miss, stale, error or bypass. */
  public record CacheCall(String cache, String method, String outcome, long nanos, int queries, int avoidedQueries,
      String detail) {}

  /** Names of the bounds this request hit, as README's configuration table names them. */
  public static final String LIMIT_MAX_STATEMENTS = "reports.max-statements";
  public static final String LIMIT_DUPLICATE_TRACKING = "duplicate-tracking";

  private static Cache cacheOf(CacheLog log) {
    List<CacheCall> calls = new ArrayList<>();
    for (CacheLog.Entry entry : log.entries()) {
      calls.add(new CacheCall(entry.cache(), entry.method(), entry.outcome().name().toLowerCase(Locale.ROOT),
          entry.nanos(), entry.queries(), entry.avoidedQueries(), entry.detail()));
    }
    return new Cache(log.hits(), log.misses(), log.errors(), log.bypassed(), Collections.unmodifiableList(calls),
        log.omitted(), log.invalidatedTables(), log.invalidationOwed(), log.invalidatedAllBecause());
  }

  /** Builds the report of a closed request; runs on the writer thread. */
  public static RequestReport of(RequestScope scope, int nPlusOneThreshold, long droppedBefore) {
    List<String> limits = new ArrayList<>(2);
    Queries queries = queriesOf(scope.queries(), nPlusOneThreshold, limits);
    return new RequestReport(scope.method(), scope.path(), scope.status(), scope.threadName(),
        Instant.ofEpochMilli(scope.startedAtMillis()), scope.durationNanos(), queries, cacheOf(scope.cache()),
        Collections.unmodifiableList(limits), droppedBefore);
  }

  /** The queries part, adding the bounds it hit to {@code limits}. */
  static Queries queriesOf(QueryLog log, int nPlusOneThreshold, List<String> limits) {
    List<Statement> statements = new ArrayList<>();
    boolean duplicateTrackingCapped = false;
    for (StatementStats stats : log.statements()) {
      statements.add(new Statement(stats.fingerprint(), stats.count(), stats.nanos(), stats.failed(),
          log.tracksDuplicates() ? stats.duplicates() : null, stats.batches(), stats.batchedRows(),
          stats.callSite(), stats.count() >= nPlusOneThreshold));
      duplicateTrackingCapped |= stats.duplicateTrackingCapped();
    }
    if (log.truncated()) {
      limits.add(LIMIT_MAX_STATEMENTS);
    }
    if (duplicateTrackingCapped) {
      limits.add(LIMIT_DUPLICATE_TRACKING);
    }
    return new Queries(log.count(), log.nanos(), log.failed(), log.distinct(),
        log.tracksDuplicates() ? log.duplicates() : null, nPlusOneThreshold, Collections.unmodifiableList(statements),
        log.truncated(), log.omittedStatements(), log.omittedCount(), log.omittedNanos());
  }
}
