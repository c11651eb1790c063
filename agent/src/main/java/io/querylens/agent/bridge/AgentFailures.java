package io.querylens.agent.bridge;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Where QueryLens's own failures go: counted always, logged once per place. The application's exceptions never come
 * here; they pass through woven calls untouched.
 */
public final class AgentFailures {
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
  private static final AtomicLong COUNT = new AtomicLong();
  private static volatile BiConsumer<String, Throwable> log = (place, failure) -> {
    System.err.println("querylens: internal failure in " + place + " (logged once): " + failure);
  };

  private AgentFailures() {}

  /** Called once at start-up, when the agent's logger is ready. */
  public static void logTo(BiConsumer<String, Throwable> logger) {
    log = logger;
  }

  public static void record(String place, Throwable failure) {
    COUNT.incrementAndGet();
    try {
      if (LOGGED.size() < 1000 && LOGGED.add(place)) {
        log.accept(place, failure);
      }
    } catch (Throwable ignored) {
      // Logging itself failed; there is nowhere left to report it, and the application must not see it.
    }
  }

  public static long count() {
    return COUNT.get();
  }
}
