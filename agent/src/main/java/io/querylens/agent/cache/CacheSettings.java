package io.querylens.agent.cache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The cache's frozen settings, and the one place that warns once about a method's bad annotation values. */
record CacheSettings(String namespace, long defaultTtlMillis, long lockWaitMillis, int maxKeyLength,
    Consumer<String> warnings, Set<String> warned) {

  CacheSettings(String namespace, long defaultTtlMillis, long lockWaitMillis, int maxKeyLength,
      Consumer<String> warnings) {
    this(namespace, defaultTtlMillis, lockWaitMillis, maxKeyLength, warnings, ConcurrentHashMap.newKeySet());
  }

  void warnOnce(String topic, String message) {
    if (warned.add(topic)) {
      warnings.accept(message);
    }
  }
}
