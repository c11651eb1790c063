package io.querylens.agent.request;

import java.util.HashSet;
import java.util.Set;

/** What one request did with one fingerprint. Mutated only by the request's own thread. */
public final class StatementStats {
  /** Distinct (SQL, parameters) pairs remembered per statement for duplicate detection. */
  static final int MAX_REMEMBERED_EXECUTIONS = 1024;

  private final String fingerprint;
  private final String callSite;
  private int count;
  private long nanos;
  private int failed;
  private int duplicates;
  private int batches;
  private long batchedRows;
  private Set<Long> executions;
  private boolean duplicateTrackingCapped;

  StatementStats(String fingerprint, String callSite) {
    this.fingerprint = fingerprint;
    this.callSite = callSite;
  }

  /** @return true if this execution repeats an earlier one with the same SQL and parameter values */
  boolean record(long executionKey, long elapsedNanos, boolean failure, int batchSize) {
    if (record(elapsedNanos, failure, batchSize)) {
      return false; // a batch's parameters are not tracked row by row
    }
    if (executions == null) {
      executions = new HashSet<>();
    }
    if (executions.contains(executionKey)) {
      duplicates++;
      return true;
    }
    if (executions.size() < MAX_REMEMBERED_EXECUTIONS) {
      executions.add(executionKey);
    } else {
      duplicateTrackingCapped = true;
    }
    return false;
  }

  /** Counts an execution without telling duplicates; @return whether it was a batch */
  boolean record(long elapsedNanos, boolean failure, int batchSize) {
    count++;
    nanos += elapsedNanos;
    if (failure) {
      failed++;
    }
    if (batchSize >= 0) {
      batches++;
      batchedRows += batchSize;
      return true;
    }
    return false;
  }

  public String fingerprint() {
    return fingerprint;
  }

  public String callSite() {
    return callSite;
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

  public int batches() {
    return batches;
  }

  public long batchedRows() {
    return batchedRows;
  }

  public boolean duplicateTrackingCapped() {
    return duplicateTrackingCapped;
  }
}
