package io.querylens.agent.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A statement the agent flagged N+1 ({@code nPlusOne}), gathered over the requests of one endpoint: the same
 * fingerprint from the same call site is one entry, wherever it ran in a loop.
 *
 * @param callSite may be null (no application frame)
 * @param maxCount the most executions in one request
 * @param requests requests of the endpoint in which it was flagged
 * @param worstReport the file of the request with {@code maxCount} executions (the first such, by name)
 */
public record NPlusOneStatement(
    String endpoint, String sql, String callSite, long maxCount, int requests, String worstReport) {

  /** Most executions in one request first, then the most requests, then by name for a stable order. */
  public static final Comparator<NPlusOneStatement> WORST_FIRST = Comparator
      .comparingLong(NPlusOneStatement::maxCount).reversed()
      .thenComparing(Comparator.comparingInt(NPlusOneStatement::requests).reversed())
      .thenComparing(NPlusOneStatement::endpoint)
      .thenComparing(NPlusOneStatement::sql);

  public static List<NPlusOneStatement> worstFirst(List<Report> reports) {
    Map<List<String>, NPlusOneStatement> byKey = new LinkedHashMap<>();
    for (Report report : reports) {
      for (Report.Statement statement : report.statements()) {
        if (!statement.nPlusOne()) {
          continue;
        }
        List<String> key = List.of(report.endpoint(), statement.sql(), Objects.toString(statement.callSite()));
        NPlusOneStatement seen = byKey.get(key);
        byKey.put(key, seen == null
            ? new NPlusOneStatement(report.endpoint(), statement.sql(), statement.callSite(), statement.count(), 1,
                report.fileName())
            : seen.and(statement.count(), report.fileName()));
      }
    }
    List<NPlusOneStatement> statements = new ArrayList<>(byKey.values());
    statements.sort(WORST_FIRST);
    return statements;
  }

  private NPlusOneStatement and(long count, String fileName) {
    boolean worse = count > maxCount;
    return new NPlusOneStatement(endpoint, sql, callSite, worse ? count : maxCount, requests + 1,
        worse ? fileName : worstReport);
  }
}
