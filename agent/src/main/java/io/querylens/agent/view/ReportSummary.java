package io.querylens.agent.view;

import java.util.List;

/**
 * Everything the summary shows, computed once from a folder's reports: endpoints, N+1 statements and caches, each
 * worst or busiest first. Unlimited: how many rows to show is the renderer's choice.
 *
 * @param requests the reports read
 * @param omittedCacheCalls {@code cache.omittedCalls} summed: calls missing from {@link #caches()}
 */
public record ReportSummary(
    int requests,
    List<EndpointStats> endpoints,
    List<NPlusOneStatement> nPlusOnes,
    List<CacheStats> caches,
    long omittedCacheCalls) {

  public static ReportSummary of(List<Report> reports) {
    return new ReportSummary(
        reports.size(),
        EndpointStats.worstFirst(reports),
        NPlusOneStatement.worstFirst(reports),
        CacheStats.byCache(reports),
        reports.stream().mapToLong(Report::omittedCacheCalls).sum());
  }
}
