package io.querylens.agent.cache.store;

import java.time.Duration;
import java.util.List;

/** STUB until the store lands. */
public record RedisSettings(String url, List<String> clusterNodes, Duration connectTimeout, Duration socketTimeout,
    int poolSize, int failureThreshold, Duration openDuration) {
  public static RedisSettings defaults(String url) {
    return new RedisSettings(url, List.of(), Duration.ofMillis(250), Duration.ofMillis(250), 16, 3,
        Duration.ofSeconds(2));
  }
}
