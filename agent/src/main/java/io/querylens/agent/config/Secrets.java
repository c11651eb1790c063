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

  /**
   * {@code text} with any user info replaced by {@code ***}. Text without {@code @} is returned unchanged when it is a
   * plain {@code host[:port][/db]}, with or without a scheme; otherwise what is not is masked, since a password may
   * sit where the port or the database should be ({@code redis://user:s3cret/host}).
   */
  public static String masked(String text) {
    if (text == null) {
      return null;
    }
    int at = text.lastIndexOf('@');
    if (at < 0) {
      return withoutUserInfo(text);
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

  private static String withoutUserInfo(String text) {
    int slashes = text.indexOf("//");
    if (slashes < 0) {
      return isHostAndPort(text) ? text : MASK;
    }
    int start = slashes + 2;
    int end = start;
    while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    String authority = isHostAndPort(text.substring(start, end)) ? text.substring(start, end) : MASK;
    String path = text.substring(end);
    // A database index is all the path may hold; anything else may be a password that lost its '@'.
    boolean database = path.isEmpty() || path.matches("/[0-9]*");
    return text.substring(0, start) + authority + (database ? path : "/" + MASK);
  }

  /** {@code host}, {@code host:digits}, {@code [ipv6]} or {@code [ipv6]:digits}: nothing a password could be. */
  private static boolean isHostAndPort(String authority) {
    String port;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return false;
      }
      String after = authority.substring(close + 1);
      if (after.isEmpty()) {
        return true;
      }
      if (!after.startsWith(":")) {
        return false;
      }
      port = after.substring(1);
    } else {
      int colon = authority.indexOf(':');
      if (colon < 0) {
        return true;
      }
      port = authority.substring(colon + 1);
    }
    return !port.isEmpty() && port.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
