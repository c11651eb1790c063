package io.querylens.agent.bridge;

import java.util.Arrays;

/**
 * What a statement carries between its setter calls and its execute: a hash per bound parameter (for spotting exact
 * duplicates without keeping any value) and the pending batch. Created inside a request, or for a batch of SQL
 * strings while automatic invalidation is on (it must see every statement a batch writes with).
 */
public final class StatementState {
  private static final int MAX_PARAMETERS = 4096;
  private static final int MAX_BATCH_SQL = 64;

  private int[] parameterHashes = new int[8];
  private int batchSize;
  private String[] batchSql;
  private int batchSqlCount;
  private boolean batchSqlTruncated;

  void bind(int index, int valueHash) {
    if (index < 1 || index > MAX_PARAMETERS) {
      return;
    }
    if (index > parameterHashes.length) {
      parameterHashes = Arrays.copyOf(parameterHashes, Math.max(index, parameterHashes.length * 2));
    }
    parameterHashes[index - 1] = valueHash;
  }

  /** Values are compared by hash only: a report never holds, or could rebuild, a bind value. */
  static int valueHash(Object value) {
    if (value == null) {
      return 0x9E3779B9;
    }
    if (value instanceof byte[]) {
      return Arrays.hashCode((byte[]) value);
    }
    if (value instanceof char[]) {
      return Arrays.hashCode((char[]) value);
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Character
        || value instanceof java.util.Date || value instanceof java.time.temporal.Temporal
        || value instanceof java.util.UUID || value instanceof Enum) {
      return value.hashCode() * 31 + value.getClass().hashCode();
    }
    // Streams, readers, LOBs and driver-specific objects: identity, so they never look like a duplicate by accident.
    return System.identityHashCode(value);
  }

  void clearParameters() {
    Arrays.fill(parameterHashes, 0);
  }

  /** A hash of every bound parameter, in order. */
  public long parametersHash() {
    long hash = 1;
    for (int parameterHash : parameterHashes) {
      hash = hash * 1_000_003L + parameterHash;
    }
    return hash;
  }

  void addBatch(String sql) {
    batchSize++;
    if (sql != null) {
      if (batchSql == null) {
        batchSql = new String[4];
      }
      if (batchSqlCount < MAX_BATCH_SQL) {
        if (batchSqlCount == batchSql.length) {
          batchSql = Arrays.copyOf(batchSql, batchSql.length * 2);
        }
        batchSql[batchSqlCount++] = sql;
      } else {
        batchSqlTruncated = true;
      }
    }
  }

  public int batchSize() {
    return batchSize;
  }

  /** The SQL added with {@code Statement.addBatch(String)}, first {@value #MAX_BATCH_SQL} only. */
  public String firstBatchSql() {
    return batchSqlCount == 0 ? null : batchSql[0];
  }

  /** How many SQL strings of the batch are kept, at most {@value #MAX_BATCH_SQL}. */
  public int batchSqlCount() {
    return batchSqlCount;
  }

  public String batchSql(int index) {
    return batchSql[index];
  }

  /** Whether the batch had more SQL strings than are kept: what the others write is unknown. */
  public boolean batchSqlTruncated() {
    return batchSqlTruncated;
  }

  void clearBatch() {
    batchSqlTruncated = false;
    batchSize = 0;
    if (batchSql != null) {
      Arrays.fill(batchSql, 0, batchSqlCount, null);
    }
    batchSqlCount = 0;
  }
}
