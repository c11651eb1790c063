package io.querylens.it.faults;

/**
 * One call of the cached method in a {@link FoodJvm}: when it started and ended ({@link System#nanoTime()}, which
 * every process on the machine shares), the row's version it returned, and whether it was a hit.
 */
record Read(long startNanos, long endNanos, int version, boolean hit) {
  /** The version of a call that threw instead of returning. */
  static final int FAILED = -1;

  long millis() {
    return (endNanos - startNanos) / 1_000_000;
  }

  String format() {
    return startNanos + " " + endNanos + " " + version + " " + (hit ? "hit" : "ran");
  }

  static Read parse(String line) {
    String[] fields = line.split(" ");
    return new Read(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Integer.parseInt(fields[2]),
        fields[3].equals("hit"));
  }
}
