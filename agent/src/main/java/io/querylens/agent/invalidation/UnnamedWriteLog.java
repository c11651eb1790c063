package io.querylens.agent.invalidation;

import io.querylens.agent.jdbc.SqlFingerprint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Says, once per statement, that a write whose tables the agent cannot name empties every cache entry: otherwise a
 * cache that keeps missing looks healthy, and nothing points at the statement (a stored procedure call, DDL the
 * extractor does not know) that empties it.
 *
 * <p>A statement is known by its fingerprint, literals masked, so no value of the application reaches the log and a
 * statement built with inline literals is still one statement. Its fingerprint is cut to {@value #SHOWN_LENGTH} chars
 * (the cut keeps a hash of the whole, so two statements that differ after the cut stay two). At most
 * {@code maxStatements} fingerprints are remembered, as an application that builds its SQL from unbounded text could
 * otherwise grow the set without end; past that bound one line says logging has stopped.
 */
final class UnnamedWriteLog {
  /** Fingerprints remembered by default: an application has a few hundred distinct statements. */
  static final int DEFAULT_MAX_STATEMENTS = 1000;

  /** The longest fingerprint shown: enough to recognise a statement, short enough for one log line. */
  static final int SHOWN_LENGTH = 160;

  private final Consumer<String> info;
  private final int maxStatements;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean full = new AtomicBoolean();

  /**
   * @param info logs a message at INFO level
   * @param maxStatements the most fingerprints remembered
   */
  UnnamedWriteLog(Consumer<String> info, int maxStatements) {
    this.info = info;
    this.maxStatements = maxStatements;
  }

  /** A write of {@code sql} bumps every table, for {@code reason}. */
  void wrote(String sql, String reason) {
    String fingerprint = SqlFingerprint.of(sql, SHOWN_LENGTH);
    if (logged.contains(fingerprint)) {
      return;
    }
    // Threads racing past the size check may overshoot the bound by one each: a bound on memory, not a count.
    if (logged.size() >= maxStatements) {
      if (full.compareAndSet(false, true)) {
        info.accept("querylens: " + maxStatements + " different writes the agent cannot name have been logged; "
            + "more of them still empty every cache entry, but are not logged");
      }
      return;
    }
    if (logged.add(fingerprint)) {
      info.accept("querylens: a write the agent cannot name empties every cache entry: " + fingerprint + " ("
          + reason + "); logged once per statement");
    }
  }
}
