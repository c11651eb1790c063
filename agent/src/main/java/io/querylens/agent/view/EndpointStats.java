package io.querylens.agent.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One endpoint over all its requests. Percentiles are nearest-rank ({@link Percentiles}).
 *
 * @param medianQueries {@code queries.count} per request, and the next two likewise
 * @param medianDbTimeMs {@code queries.timeMs} per request, and the next two likewise
 * @param dbShare sum of {@code queries.timeMs} over sum of {@code durationMs}: the part of the server's time spent
 *     waiting for the database; empty when the requests took no measurable time
 * @param nPlusOneRequests requests with at least one statement flagged N+1
 * @param nPlusOneStatements distinct statements flagged N+1 in any of the requests
 * @param cacheHits {@code cache.hits} summed
 * @param cacheCalls every {@code @Cached} call (hits, misses including stale, errors, bypassed) summed
 */
public record EndpointStats(
    String endpoint,
    int requests,
    long medianQueries,
    long p95Queries,
    long maxQueries,
    double medianDbTimeMs,
    double p95DbTimeMs,
    double maxDbTimeMs,
    OptionalDouble dbShare,
    int nPlusOneRequests,
    int nPlusOneStatements,
    long cacheHits,
    long cacheCalls) {

  /** Most queries at p95 first, then the slowest median DB time; the name breaks ties so the order is stable. */
  public static final Comparator<EndpointStats> WORST_FIRST = Comparator
      .comparingLong(EndpointStats::p95Queries).reversed()
      .thenComparing(Comparator.comparingDouble(EndpointStats::medianDbTimeMs).reversed())
      .thenComparing(EndpointStats::endpoint);

  /** Cache hits over calls; empty when the endpoint made no {@code @Cached} call. */
  public OptionalDouble cacheHitRatio() {
    return cacheCalls == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) cacheHits / cacheCalls);
  }

  /** One entry per endpoint of {@code reports}, worst first. */
  public static List<EndpointStats> worstFirst(List<Report> reports) {
    Map<String, List<Report>> byEndpoint = new LinkedHashMap<>();
    for (Report report : reports) {
      byEndpoint.computeIfAbsent(report.endpoint(), endpoint -> new ArrayList<>()).add(report);
    }
    List<EndpointStats> stats = new ArrayList<>(byEndpoint.size());
    byEndpoint.forEach((endpoint, ofEndpoint) -> stats.add(of(endpoint, ofEndpoint)));
    stats.sort(WORST_FIRST);
    return stats;
  }

  /** @param reports at least one, all of {@code endpoint} */
  static EndpointStats of(String endpoint, List<Report> reports) {
    Percentiles queries = Percentiles.of(reports.stream().mapToLong(Report::queryCount).toArray());
    Percentiles dbTime = Percentiles.of(reports.stream().mapToDouble(Report::queryTimeMs).toArray());
    double dbTimeSum = reports.stream().mapToDouble(Report::queryTimeMs).sum();
    double durationSum = reports.stream().mapToDouble(Report::durationMs).sum();
    return new EndpointStats(
        endpoint,
        reports.size(),
        (long) queries.median(),
        (long) queries.at(95),
        (long) queries.max(),
        dbTime.median(),
        dbTime.at(95),
        dbTime.max(),
        durationSum > 0 ? OptionalDouble.of(dbTimeSum / durationSum) : OptionalDouble.empty(),
        (int) reports.stream().filter(Report::hasNPlusOne).count(),
        (int) reports.stream().flatMap(report -> report.statements().stream())
            .filter(Report.Statement::nPlusOne).map(Report.Statement::sql).distinct().count(),
        reports.stream().mapToLong(Report::cacheHits).sum(),
        reports.stream().mapToLong(Report::cacheCallsTotal).sum());
  }
}
