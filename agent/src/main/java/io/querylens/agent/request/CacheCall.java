package io.querylens.agent.request;

/**
 * One call of a {@code @Cached} method, from the woven lookup at its start to the completion at its end. The woven
 * code only holds it; the cache engine fills it in. JDK types only, since it sits in a local variable of application
 * classes: the
 * engine's own state (its method, its single flight, the tables the body reads) is in the engine's subclass, typed
 * with classes this package must not depend on.
 */
public class CacheCall {
  /** What happened, as the report names it. */
  public enum Outcome { HIT, MISS, STALE, ERROR, BYPASS }

  private final String key;
  private final long startNanos = System.nanoTime();
  private final RequestScope scope;
  private final int queriesBefore;
  private Outcome outcome;
  private Object value;
  private String lockToken;
  private int avoidedQueries;
  private String detail;
  private String generation;
  private String keyVersion;
  private java.util.Map<String, String> tableVersions;
  private long bodyStartNanos = startNanos;

  protected CacheCall(String key, Outcome outcome) {
    this.key = key;
    this.outcome = outcome;
    this.scope = RequestScope.current();
    this.queriesBefore = scope == null ? 0 : scope.queries().count();
  }

  /** Marks the call as answered from the cache: the method body will be skipped and {@code value} returned. */
  public void served(Object servedValue, int avoided) {
    this.outcome = Outcome.HIT;
    this.value = servedValue;
    this.avoidedQueries = avoided;
  }

  public boolean isHit() {
    return outcome == Outcome.HIT;
  }

  public Object value() {
    return value;
  }

  /** The entry's Redis key, or null when the call bypasses the cache without one. */
  public String key() {
    return key;
  }

  public Outcome outcome() {
    return outcome;
  }

  public void outcome(Outcome newOutcome, String why) {
    this.outcome = newOutcome;
    this.detail = why;
  }

  public String detail() {
    return detail;
  }

  public long startNanos() {
    return startNanos;
  }

  /** The method body is about to run: the lookup is over. */
  public void bodyStarts() {
    bodyStartNanos = System.nanoTime();
  }

  /** How long the body has run, lookup excluded. */
  public long bodyNanos() {
    return System.nanoTime() - bodyStartNanos;
  }

  /** The request this call runs in, or null outside a request (the cache works there too, unreported). */
  public RequestScope scope() {
    return scope;
  }

  /** JDBC executions of this request since the call began: what the method body ran. */
  public int queriesSinceStart() {
    return scope == null ? 0 : scope.queries().count() - queriesBefore;
  }

  public int avoidedQueries() {
    return avoidedQueries;
  }

  /**
   * The cache's generation and the entry's version as the lookup saw them: a fill is stored only if neither has
   * changed since, so an eviction that happens while the method runs is never undone by its late result. Null when
   * the lookup did not reach Redis, and then nothing is stored.
   */
  public String generation() {
    return generation;
  }

  public String keyVersion() {
    return keyVersion;
  }

  public void versions(String cacheGeneration, String entryVersion) {
    this.generation = cacheGeneration;
    this.keyVersion = entryVersion;
  }

  /**
   * Every table's version as the miss saw it before the method ran (automatic invalidation); the entry records
   * those of the tables the method then read. Null when they were not read, and then nothing is stored.
   */
  public java.util.Map<String, String> tableVersions() {
    return tableVersions;
  }

  public void tableVersions(java.util.Map<String, String> versions) {
    this.tableVersions = versions;
  }

  public String lockToken() {
    return lockToken;
  }

  public void lockToken(String token) {
    this.lockToken = token;
  }
}
