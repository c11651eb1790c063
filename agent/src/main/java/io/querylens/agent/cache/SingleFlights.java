package io.querylens.agent.cache;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys being computed in this JVM, each by one {@link Flight}: the first caller to miss a key leads and runs the
 * method, callers that miss it meanwhile follow and wait for the leader's result instead of running it too.
 */
final class SingleFlights {
  private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();

  /**
   * Makes {@code flight} the key's leader unless another flight leads it.
   *
   * @return the leader to follow, or null if {@code flight} now leads
   */
  Flight lead(String key, Flight flight) {
    Flight existing = flights.putIfAbsent(key, flight);
    if (existing != null && existing.olderThan(EntryStore.LOCK_TTL_MILLIS)) {
      flights.remove(key, existing); // a leader that never finished; do not let it hold the key forever
      existing = flights.putIfAbsent(key, flight);
    }
    return existing;
  }

  /**
   * After following {@code leader} brought nothing (it failed, was a hit, or its result is outdated already):
   * {@code flight} leads anew, unless another caller got there first.
   *
   * @return the leader to follow, or null if {@code flight} now leads
   */
  Flight leadAfter(String key, Flight leader, Flight flight) {
    flights.remove(key, leader);
    return flights.putIfAbsent(key, flight);
  }

  /**
   * Waits for the leader's result, at most as long as the cross-JVM lock lives: a leader slower than that is as good
   * as gone.
   *
   * @return the leader's result, or null if it failed, was a hit itself or did not finish in time
   */
  static Flight.Result follow(Flight leader) throws InterruptedException {
    return leader.await(EntryStore.LOCK_TTL_MILLIS);
  }

  /** The flight is over: callers from now on look the key up in Redis. Does nothing for a null flight. */
  void land(String key, Flight flight) {
    if (flight != null) {
      flights.remove(key, flight);
    }
  }

  /** The flight brought nothing to share: its followers look the entry up themselves. */
  void abandon(String key, Flight flight) {
    if (flight != null) {
      flight.fail();
      flights.remove(key, flight);
    }
  }

  /** An eviction: no caller may be served from a flight that began before it. */
  void forget(String key) {
    flights.remove(key);
  }

  /** An eviction of every entry whose key starts with {@code prefix}. */
  void forgetAll(String prefix) {
    flights.keySet().removeIf(key -> key.startsWith(prefix));
  }
}
