package io.querylens.agent.jdbc;

/** Placeholder until the real scanner lands. */
public final class SqlFingerprint {
  public static final int DEFAULT_MAX_LENGTH = 2048;

  public static String of(String sql) {
    return of(sql, DEFAULT_MAX_LENGTH);
  }

  public static String of(String sql, int maxLength) {
    return sql == null ? "" : sql.replaceAll("'[^']*'", "?").replaceAll("\\b\\d+\\b", "?").replaceAll("\\s+", " ").trim();
  }
}
