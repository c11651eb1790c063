package io.querylens.agent.cli;

import java.util.Locale;
import java.util.OptionalDouble;

/** Formatting shared by the commands: ASCII only, so widths count characters in any terminal or CI log. */
final class Text {
  static final String ELLIPSIS = "...";

  private Text() {}

  /** {@code text} cut at the end to {@code width} characters, {@code ...} marking the cut. */
  static String cutEnd(String text, int width) {
    if (text.length() <= width) {
      return text;
    }
    return text.substring(0, Math.max(0, width - ELLIPSIS.length())) + ELLIPSIS;
  }

  /** {@code text} cut at the start: for call sites, where the class, method and line at the end matter most. */
  static String cutStart(String text, int width) {
    if (text.length() <= width) {
      return text;
    }
    return ELLIPSIS + text.substring(text.length() - Math.max(0, width - ELLIPSIS.length()));
  }

  /** {@code text} cut in the middle: for endpoints, whose method and last segments tell them apart. */
  static String cutMiddle(String text, int width) {
    if (text.length() <= width) {
      return text;
    }
    int kept = Math.max(0, width - ELLIPSIS.length());
    int head = (kept + 1) / 2;
    return text.substring(0, head) + ELLIPSIS + text.substring(text.length() - (kept - head));
  }

  /**
   * A count in at most {@code width} characters: as is when it fits, else in thousands, millions or billions
   * ({@code 1234k}), so that one odd request cannot push a table past its width.
   */
  static String count(long value, int width) {
    String plain = Long.toString(value);
    if (plain.length() <= width) {
      return plain;
    }
    long scaled = value;
    for (String unit : new String[] {"k", "M", "G", "T", "P"}) {
      scaled = Math.round(scaled / 1000.0);
      String compact = scaled + unit;
      if (compact.length() <= width) {
        return compact;
      }
    }
    return "#".repeat(width);
  }

  /** Milliseconds in at most {@code width} characters: one decimal below 100, whole above, then as a count. */
  static String millis(double ms, int width) {
    String decimal = String.format(Locale.ROOT, "%.1f", ms);
    return ms < 100 && decimal.length() <= width ? decimal : count(Math.round(ms), width);
  }

  /**
   * A ratio as a whole percentage in at most 5 characters, {@code -} when there is nothing to divide. A DB share
   * above 100% is possible (a report whose clock readings disagree) and shown as it is, up to {@code >999%}.
   */
  static String percent(OptionalDouble ratio) {
    if (ratio.isEmpty()) {
      return "-";
    }
    double percent = ratio.getAsDouble() * 100;
    return percent >= 999.5 ? ">999%" : String.format(Locale.ROOT, "%.0f%%", percent);
  }

  static String plural(long count, String singular, String plural) {
    return count + " " + (count == 1 ? singular : plural);
  }
}
