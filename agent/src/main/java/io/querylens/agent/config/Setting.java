package io.querylens.agent.config;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One documented configuration key: its name, default, and how a raw string becomes a value.
 *
 * <p>Keys are written without the {@code querylens.} prefix ({@code reports.dir}). The same key is read as an agent
 * argument ({@code reports.dir=/x}), a system property ({@code -Dquerylens.reports.dir=/x}) and an environment
 * variable ({@code QUERYLENS_REPORTS_DIR=/x}).
 */
public final class Setting<T> {
  private final String key;
  private final T defaultValue;
  private final String accepted;
  private final Function<String, T> parser;

  private Setting(String key, T defaultValue, String accepted, Function<String, T> parser) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.accepted = accepted;
    this.parser = parser;
  }

  static Setting<Boolean> bool(String key, boolean defaultValue) {
    return new Setting<>(key, defaultValue, "true or false", raw -> {
      switch (raw.trim().toLowerCase(Locale.ROOT)) {
        case "true": return Boolean.TRUE;
        case "false": return Boolean.FALSE;
        default: throw new IllegalArgumentException();
      }
    });
  }

  static Setting<Integer> integer(String key, int defaultValue, int min, int max) {
    return new Setting<>(key, defaultValue, "a whole number from " + min + " to " + max, raw -> {
      int value = Integer.parseInt(raw.trim());
      if (value < min || value > max) {
        throw new IllegalArgumentException();
      }
      return value;
    });
  }

  static Setting<String> string(String key, String defaultValue, String accepted) {
    return new Setting<>(key, defaultValue, accepted, raw -> {
      if (raw.trim().isEmpty()) {
        throw new IllegalArgumentException();
      }
      return raw.trim();
    });
  }

  /** A duration in milliseconds, written as {@link Durations} accepts, within [min, max]. */
  static Setting<Long> duration(String key, String defaultValue, long minMillis, long maxMillis) {
    return new Setting<>(key, Durations.parseMillis(defaultValue),
        Durations.ACCEPTED + ", from " + minMillis + "ms to " + maxMillis + "ms", raw -> {
          long millis = Durations.parseMillis(raw);
          if (millis < minMillis || millis > maxMillis) {
            throw new IllegalArgumentException();
          }
          return millis;
        });
  }

  /** A list separated by commas, semicolons or spaces (agent arguments separate keys by commas: use {@code ;}). */
  static Setting<java.util.List<String>> list(String key, String accepted) {
    return new Setting<>(key, java.util.List.of(), accepted, raw -> {
      java.util.List<String> items = new java.util.ArrayList<>();
      for (String item : raw.split("[,;\\s]+")) {
        if (!item.isEmpty()) {
          items.add(item);
        }
      }
      return java.util.List.copyOf(items);
    });
  }

  static Setting<String> oneOf(String key, String defaultValue, List<String> values) {
    return new Setting<>(key, defaultValue, "one of " + String.join(", ", values), raw -> {
      String value = raw.trim().toLowerCase(Locale.ROOT);
      if (!values.contains(value)) {
        throw new IllegalArgumentException();
      }
      return value;
    });
  }

  public String key() {
    return key;
  }

  public T defaultValue() {
    return defaultValue;
  }

  /** What a user may write, for error messages and the README table. */
  public String accepted() {
    return accepted;
  }

  /** The system property that sets this key. */
  public String propertyName() {
    return "querylens." + key;
  }

  /** The environment variable that sets this key: dots and dashes become underscores. */
  public String environmentName() {
    return "QUERYLENS_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** @throws IllegalArgumentException if {@code raw} is not one of the accepted values */
  T parse(String raw) {
    try {
      return parser.apply(raw);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "querylens: bad value '" + Secrets.masked(raw) + "' for " + key + ": expected " + accepted
              + "; using the default, " + defaultValue);
    }
  }
}
