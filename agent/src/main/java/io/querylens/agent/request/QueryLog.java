package io.querylens.agent.request;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The queries of one request: exact totals, and per fingerprint the details, up to a bound on distinct statements.
 * Past the bound a statement still counts in the totals and in {@code omitted}, so totals stay exact while memory
 * stays bounded.
 */
public final class QueryLog {
  /** How many omitted fingerprints are remembered to count them distinctly; past that, the count is a floor. */
  static final int MAX_OMITTED_REMEMBERED = 10_000;

  private final Function<String, String> fingerprints;
  private final Supplier<String> callSites;
  private final int maxStatements;
  private final boolean trackDuplicates;
  private final Map<String, StatementStats> byFingerprint = new LinkedHashMap<>();

  // An N+1 loop runs the same SQL string back to back: skip the fingerprint and map look-ups for it.
  private String lastSql;
  private StatementStats lastStats;

  private int count;
  private long nanos;
  private int failed;
  private int duplicates;
  private Set<String> omittedFingerprints;
  private int omittedCount;
  private long omittedNanos;

  /**
   * @param fingerprints a statement's SQL with its literals masked (JDBC's {@code StatementCatalog})
   * @param callSites the application frame running now, or null (JDBC's {@code CallSites}); asked once per statement
   * @param trackDuplicates {@code reports.duplicates}: whether exact repeats are told (the setters are advised)
   */
  public QueryLog(Function<String, String> fingerprints, Supplier<String> callSites, int maxStatements,
      boolean trackDuplicates) {
    this.fingerprints = fingerprints;
    this.callSites = callSites;
    this.maxStatements = maxStatements;
    this.trackDuplicates = trackDuplicates;
  }

  /** Whether {@link #duplicates()} means anything: false with {@code reports.duplicates=false}. */
  public boolean tracksDuplicates() {
    return trackDuplicates;
  }

  /**
   * Records one execution.
   *
   * @param sql the SQL as the application passed it (null if unknown)
   * @param parametersHash hash of the bound values, 0 for plain statements
   * @param batchSize rows in the batch, or -1 for a single execution
   */
  public void record(String sql, long parametersHash, long elapsedNanos, boolean failure, int batchSize) {
    count++;
    nanos += elapsedNanos;
    if (failure) {
      failed++;
    }
    StatementStats stats;
    if (sql != null && sql == lastSql) {
      stats = lastStats;
    } else {
      String fingerprint = fingerprints.apply(sql);
      stats = byFingerprint.get(fingerprint);
      if (stats == null) {
        if (byFingerprint.size() >= maxStatements) {
          recordOmitted(fingerprint, elapsedNanos);
          return;
        }
        stats = new StatementStats(fingerprint, callSites.get());
        byFingerprint.put(fingerprint, stats);
      }
      lastSql = sql;
      lastStats = stats;
    }
    if (!trackDuplicates) {
      stats.record(elapsedNanos, failure, batchSize);
      return;
    }
    long executionKey = (sql == null ? 0 : sql.hashCode()) * 0x9E3779B97F4A7C15L + parametersHash;
    if (stats.record(executionKey, elapsedNanos, failure, batchSize)) {
      duplicates++;
    }
  }

  private void recordOmitted(String fingerprint, long elapsedNanos) {
    omittedCount++;
    omittedNanos += elapsedNanos;
    if (omittedFingerprints == null) {
      omittedFingerprints = new HashSet<>();
    }
    if (omittedFingerprints.size() < MAX_OMITTED_REMEMBERED) {
      omittedFingerprints.add(fingerprint);
    }
  }

  public Collection<StatementStats> statements() {
    return new ArrayList<>(byFingerprint.values());
  }

  public int count() {
    return count;
  }

  public long nanos() {
    return nanos;
  }

  public int failed() {
    return failed;
  }

  public int duplicates() {
    return duplicates;
  }

  public int distinct() {
    return byFingerprint.size() + omittedStatements();
  }

  public boolean truncated() {
    return omittedCount > 0;
  }

  public int omittedStatements() {
    return omittedFingerprints == null ? 0 : omittedFingerprints.size();
  }

  public int omittedCount() {
    return omittedCount;
  }

  public long omittedNanos() {
    return omittedNanos;
  }
}
