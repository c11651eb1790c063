package io.querylens.agent.cache.store;

import java.time.Duration;
import java.util.List;

/**
 * Where the cache's Redis is and how patient to be with it.
 *
 * <p>The config layer validates these before building the record; the compact constructor checks them again so that
 * a bad value fails here, naming the component, and never later on a request thread. {@link #toString()} leaves out
 * the password.
 *
 * @param url {@code redis://[user:password@]host[:port][/db]}, or {@code rediss://...} for TLS. Required for one
 *     server. In cluster mode it is optional and only its user, password and scheme (TLS or not) are used; its
 *     database must then be 0, the only one a cluster has.
 * @param clusterNodes {@code host:port} seeds of a Redis Cluster; any non-empty list means cluster mode, and one
 *     reachable seed is enough to discover the rest
 * @param sentinelMaster the master name the Sentinels monitor ({@code sentinel monitor <name> ...}); with
 *     {@code sentinelNodes}, sentinel mode: the master is asked of the Sentinels and followed through failovers, and
 *     {@code url} supplies only credentials, database and scheme
 * @param sentinelNodes {@code host:port} of the Sentinels; one reachable is enough
 * @param connectTimeout TCP connect timeout per attempt; default 250 ms
 * @param socketTimeout read timeout per reply, and the longest wait for a free pooled connection; default 250 ms
 * @param poolSize most connections per server; default 16
 * @param failureThreshold consecutive failures that open the circuit; default 3
 * @param openDuration how long the circuit stays open before one call probes Redis; doubled after each failed probe
 *     up to 30 s (or this duration, if longer); default 2 s
 */
public record RedisSettings(
    String url,
    List<String> clusterNodes,
    String sentinelMaster,
    List<String> sentinelNodes,
    Duration connectTimeout,
    Duration socketTimeout,
    int poolSize,
    int failureThreshold,
    Duration openDuration) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(250);
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMillis(250);
  public static final int DEFAULT_POOL_SIZE = 16;
  public static final int DEFAULT_FAILURE_THRESHOLD = 3;
  public static final Duration DEFAULT_OPEN_DURATION = Duration.ofSeconds(2);

  /** Longest accepted open period: beyond a day the cache is better switched off. */
  private static final Duration MAX_OPEN_DURATION = Duration.ofDays(1);

  /**
   * @throws IllegalArgumentException naming the component and what it accepts
   */
  public RedisSettings {
    clusterNodes = clusterNodes == null ? List.of() : List.copyOf(clusterNodes);
    for (String node : clusterNodes) {
      RedisUrl.parseNode(node);
    }
    sentinelMaster = sentinelMaster == null || sentinelMaster.isBlank() ? null : sentinelMaster.trim();
    sentinelNodes = sentinelNodes == null ? List.of() : List.copyOf(sentinelNodes);
    for (String node : sentinelNodes) {
      RedisUrl.parseNode(node);
    }
    if ((sentinelMaster == null) != sentinelNodes.isEmpty()) {
      throw new IllegalArgumentException("Sentinel needs both the master name and the Sentinels' addresses; "
          + (sentinelMaster == null ? "the master name is missing" : "no Sentinel address is given"));
    }
    if (sentinelMaster != null && !clusterNodes.isEmpty()) {
      throw new IllegalArgumentException("a Redis Cluster and Sentinel exclude each other: give cluster nodes or a "
          + "Sentinel master, not both");
    }
    if (clusterNodes.isEmpty() || (url != null && !url.isBlank())) {
      RedisUrl parsed = RedisUrl.parse(url);
      if (!clusterNodes.isEmpty() && parsed.database() != 0) {
        throw new IllegalArgumentException("url: a Redis Cluster has only database 0, but the URL selects "
            + parsed.database());
      }
    }
    requireMillis("connectTimeout", connectTimeout, Duration.ofMillis(Integer.MAX_VALUE));
    requireMillis("socketTimeout", socketTimeout, Duration.ofMillis(Integer.MAX_VALUE));
    requireMillis("openDuration", openDuration, MAX_OPEN_DURATION);
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
    }
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be at least 1, was " + failureThreshold);
    }
  }

  /** One server or a cluster: no Sentinel. */
  public RedisSettings(String url, List<String> clusterNodes, Duration connectTimeout, Duration socketTimeout,
      int poolSize, int failureThreshold, Duration openDuration) {
    this(url, clusterNodes, null, List.of(), connectTimeout, socketTimeout, poolSize, failureThreshold,
        openDuration);
  }

  /** One server at {@code url}, with every other setting at its default. */
  public static RedisSettings defaults(String url) {
    return new RedisSettings(url, List.of(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT, DEFAULT_POOL_SIZE,
        DEFAULT_FAILURE_THRESHOLD, DEFAULT_OPEN_DURATION);
  }

  /** Whether these settings name a Redis Cluster rather than one server. */
  public boolean clusterMode() {
    return !clusterNodes.isEmpty();
  }

  /** Whether the master is found through Sentinels. */
  public boolean sentinelMode() {
    return sentinelMaster != null;
  }

  @Override
  public String toString() {
    return "RedisSettings[url=" + RedisUrl.redact(url) + ", clusterNodes=" + clusterNodes + ", sentinelMaster="
        + sentinelMaster + ", sentinelNodes=" + sentinelNodes
        + ", connectTimeout=" + connectTimeout + ", socketTimeout=" + socketTimeout + ", poolSize=" + poolSize
        + ", failureThreshold=" + failureThreshold + ", openDuration=" + openDuration + "]";
  }

  /** A timeout of 0 ms would mean "wait forever" to a socket, so anything under a millisecond is refused. */
  private static void requireMillis(String name, Duration value, Duration max) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is missing");
    }
    if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be from 1 ms to " + max.toMillis() + " ms, was " + value);
    }
  }
}
