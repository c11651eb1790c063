package io.querylens.it.invalidation;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Labels that key the entries of one test and no other: unique within a run, and across runs that share a Redis.
 */
public final class Labels {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final AtomicInteger COUNT = new AtomicInteger();

  private Labels() {}

  public static String next() {
    return RUN + "-" + COUNT.incrementAndGet();
  }
}
