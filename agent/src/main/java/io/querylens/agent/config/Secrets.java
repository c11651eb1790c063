package io.querylens.agent.config;

/**
 * Masks the user info of anything that may be a URL before it reaches a log line or a report.
 *
 * <p>Deliberately forgiving of malformed text: a mistyped {@code redis//:s3cret@host} or a password with an unescaped
 * {@code /} or {@code @} must be masked too, and those are exactly the values no URL parser accepts. Everything before
 * the last {@code @} back to the scheme's {@code //} (or, without one, the first {@code /}, or else the start) is
 * replaced by {@code ***}: it may hide a user name along with the password, never show a password.
 */
public final class Secrets {
  static final String MASK = "***";

  private Secrets() {}

  /** {@code text} with any user info replaced by {@code ***}; text without {@code @} is returned unchanged. */
  public static String masked(String text) {
    if (text == null) {
      return null;
    }
    int at = text.lastIndexOf('@');
    if (at < 0) {
      return text;
    }
    String before = text.substring(0, at);
    int start;
    int slashes = before.indexOf("//");
    if (slashes >= 0) {
      start = slashes + 2;
    } else {
      int slash = before.indexOf('/');
      start = slash >= 0 ? slash + 1 : 0;
    }
    return text.substring(0, start) + MASK + text.substring(at);
  }
}
