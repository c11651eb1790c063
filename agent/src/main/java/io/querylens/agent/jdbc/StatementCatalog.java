package io.querylens.agent.jdbc;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM-wide memo of raw SQL text to its fingerprint, so the same statement is normalised once, not on every
 * execute.
 *
 * <p>Bounded by entry count. When full it is emptied and refilled rather than evicting one entry at a time: an
 * application has a few hundred distinct statements, so reaching the bound means SQL built with literals inline
 * (which would churn any policy), and a clear keeps every operation a plain {@link ConcurrentHashMap} call.
 */
public final class StatementCatalog {
  /** Stands for a prepared statement whose SQL the agent never saw (prepared before the agent was attached). */
  public static final String UNKNOWN_SQL = "<unknown statement>";

  private final ConcurrentHashMap<String, String> fingerprints = new ConcurrentHashMap<>();
  private final int maxEntries;
  private final int maxLength;

  public StatementCatalog(int maxEntries, int maxLength) {
    this.maxEntries = maxEntries;
    this.maxLength = maxLength;
  }

  public String fingerprint(String sql) {
    if (sql == null) {
      return UNKNOWN_SQL;
    }
    String fingerprint = fingerprints.get(sql);
    if (fingerprint == null) {
      fingerprint = SqlFingerprint.of(sql, maxLength);
      if (fingerprints.size() >= maxEntries) {
        fingerprints.clear();
      }
      fingerprints.put(sql, fingerprint);
    }
    return fingerprint;
  }

  public int size() {
    return fingerprints.size();
  }
}
