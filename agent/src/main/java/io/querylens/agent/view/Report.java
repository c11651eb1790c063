package io.querylens.agent.view;

import java.util.List;

/**
 * The part of one report file that the views use. Read by {@link ReportReader}; fields the views do not need are
 * left out, so a report with more fields (a later version of the format) still reads.
 *
 * @param fileName the file's name in its folder, which is how a person finds the request again
 * @param endpoint method and folded route, e.g. {@code GET /api/recipes/{id}} ({@link EndpointRoute})
 * @param cacheHits {@code cache.hits}: exact, even when {@code cache.calls[]} was cut at 100
 * @param cacheCallsTotal hits, misses (which include stale), errors and bypassed calls: every {@code @Cached} call
 * @param invalidatedTables {@code cache.invalidatedTables}: what this request's writes made stale everywhere
 * @param invalidationOwed {@code cache.invalidationOwed}: bumps that had not reached Redis yet
 * @param limits {@code limits}: bounds the request hit
 */
public record Report(
    String fileName,
    String method,
    String path,
    String endpoint,
    int status,
    String startedAt,
    double durationMs,
    long queryCount,
    double queryTimeMs,
    List<Statement> statements,
    long omittedStatements,
    long cacheHits,
    long cacheCallsTotal,
    List<CacheCall> cacheCalls,
    long omittedCacheCalls,
    List<String> invalidatedTables,
    List<String> invalidationOwed,
    List<String> limits) {

  public Report {
    statements = List.copyOf(statements);
    cacheCalls = List.copyOf(cacheCalls);
    invalidatedTables = List.copyOf(invalidatedTables);
    invalidationOwed = List.copyOf(invalidationOwed);
    limits = List.copyOf(limits);
  }

  /** Whether any statement of the request was flagged N+1 by the agent (its {@code nplusone.threshold}). */
  public boolean hasNPlusOne() {
    return statements.stream().anyMatch(Statement::nPlusOne);
  }

  /**
   * One entry of {@code queries.statements[]}. {@code callSite} may be null; {@code duplicates} is -1 where the
   * report says {@code null} ({@code reports.duplicates=false}).
   */
  public record Statement(String sql, long count, double timeMs, String callSite, boolean nPlusOne, long failed,
      long duplicates) {}

  /** One entry of {@code cache.calls[]}. {@code detail} may be null. */
  public record CacheCall(String cache, String method, String outcome, double timeMs, long queries,
      long avoidedQueries, String detail) {}
}
