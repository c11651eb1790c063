package io.querylens.agent.config;

import java.util.Locale;

/** Durations as users write them: a whole number and a unit, {@code 500ms}, {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d}. */
public final class Durations {
  public static final String ACCEPTED = "a whole number followed by ms, s, m, h or d (e.g. 250ms, 90s, 15m)";

  private Durations() {}

  /** @throws IllegalArgumentException naming the accepted form */
  public static long parseMillis(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    int split = 0;
    while (split < value.length() && Character.isDigit(value.charAt(split))) {
      split++;
    }
    if (split == 0 || split == value.length() || split > 12) {
      throw new IllegalArgumentException("'" + text + "' is not " + ACCEPTED);
    }
    long amount = Long.parseLong(value.substring(0, split));
    switch (value.substring(split)) {
      case "ms": return amount;
      case "s": return amount * 1000L;
      case "m": return amount * 60_000L;
      case "h": return amount * 3_600_000L;
      case "d": return amount * 86_400_000L;
      default: throw new IllegalArgumentException("'" + text + "' is not " + ACCEPTED);
    }
  }
}
