package io.querylens.agent.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One cache (its {@code @Cached} name) over the {@code cache.calls[]} of all reports, by outcome. A report lists at
 * most 100 calls ({@code cache.omittedCalls} counts the rest), and an omitted call's cache is unknown, so these
 * counts can be short of the reports' totals; {@link ReportSummary#omittedCacheCalls()} says by how much.
 */
public record CacheStats(String cache, long hits, long misses, long stale, long errors, long bypassed) {

  /** Every call counted: hits, misses, stale, errors and bypassed. An outcome this reader does not know is left out. */
  public long calls() {
    return hits + misses + stale + errors + bypassed;
  }

  /** hits / (hits + misses + stale + errors + bypassed); empty without calls. */
  public OptionalDouble hitRatio() {
    return calls() == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) hits / calls());
  }

  /** One entry per cache name, most calls first, then by name. */
  public static List<CacheStats> byCache(List<Report> reports) {
    Map<String, long[]> counts = new TreeMap<>();
    for (Report report : reports) {
      for (Report.CacheCall call : report.cacheCalls()) {
        int outcome = switch (call.outcome()) {
          case "hit" -> 0;
          case "miss" -> 1;
          case "stale" -> 2;
          case "error" -> 3;
          case "bypass" -> 4;
          default -> -1;
        };
        if (outcome >= 0) {
          counts.computeIfAbsent(call.cache(), cache -> new long[5])[outcome]++;
        }
      }
    }
    List<CacheStats> stats = new ArrayList<>(counts.size());
    counts.forEach((cache, c) -> stats.add(new CacheStats(cache, c[0], c[1], c[2], c[3], c[4])));
    stats.sort(Comparator.comparingLong(CacheStats::calls).reversed().thenComparing(CacheStats::cache));
    return stats;
  }
}
