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

  /** Milliseconds: one decimal below 100, whole above, so that the column stays narrow. */
  static String millis(double ms) {
    return ms < 100 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.0f", ms);
  }

  /** A ratio as a whole percentage, {@code -} when there is nothing to divide. */
  static String percent(OptionalDouble ratio) {
    return ratio.isPresent() ? String.format(Locale.ROOT, "%.0f%%", ratio.getAsDouble() * 100) : "-";
  }

  static String plural(long count, String singular, String plural) {
    return count + " " + (count == 1 ? singular : plural);
  }
}
