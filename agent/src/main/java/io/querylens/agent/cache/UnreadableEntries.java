package io.querylens.agent.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Says which caches hold entries this JVM cannot read (corrupt, truncated, written by an incompatible version): the
 * first with its cause, then at most one line a minute per cache with how many more there were. Each such entry is a
 * miss and is overwritten, so a burst after a deployment is normal, but a cache that keeps being poisoned must not go
 * quiet after its first line.
 */
final class UnreadableEntries {
  static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  /** Cache names come from annotations, so there are few; past this many they share one count. */
  private static final int MAX_CACHES = 1000;

  private final Consumer<String> warnings;
  private final LongSupplier clock;
  private final Map<String, PerCache> caches = new ConcurrentHashMap<>();

  private static final class PerCache {
    boolean said;
    long lastLineNanos;
    long unsaid;
  }

  UnreadableEntries(Consumer<String> warnings) {
    this(warnings, System::nanoTime);
  }

  UnreadableEntries(Consumer<String> warnings, LongSupplier clock) {
    this.warnings = warnings;
    this.clock = clock;
  }

  void replaced(String cache, String why) {
    String name = caches.size() < MAX_CACHES || caches.containsKey(cache) ? cache : "(other caches)";
    PerCache state = caches.computeIfAbsent(name, c -> new PerCache());
    String line;
    synchronized (state) {
      long now = clock.getAsLong();
      if (!state.said) {
        state.said = true;
        state.lastLineNanos = now;
        line = "cache " + name + ": an entry could not be read and is treated as a miss, then overwritten: " + why
            + " (further ones are counted, at most one line a minute)";
      } else {
        state.unsaid++;
        if (now - state.lastLineNanos < INTERVAL_NANOS) {
          return;
        }
        String entries = state.unsaid == 1 ? " more unreadable entry was" : " more unreadable entries were";
        line = "cache " + name + ": " + state.unsaid + entries + " treated as misses and overwritten in the last "
            + TimeUnit.NANOSECONDS.toSeconds(now - state.lastLineNanos) + " s; the latest: " + why;
        state.unsaid = 0;
        state.lastLineNanos = now;
      }
    }
    warnings.accept(line);
  }
}
