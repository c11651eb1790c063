package io.querylens.agent.cache.store;

import io.querylens.agent.config.Secrets;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;
import redis.clients.jedis.HostAndPort;

/**
 * A parsed {@code redis://[user:password@]host[:port][/db]} or {@code rediss://...} (TLS) URL.
 *
 * <p>Parsed by hand rather than with {@link java.net.URI}, which gives no host at all for names with an underscore
 * (common for Docker and Compose services) and decodes {@code %3A} before the user info can be split at its colon.
 * User and password are percent-decoded after splitting, so any character may appear in them once escaped; an
 * unescaped {@code @} or {@code /} in the password is tolerated, because the last {@code @} ends the user info. Error
 * messages never repeat the user info.
 */
record RedisUrl(boolean tls, String user, String password, String host, int port, int database) {
  static final int DEFAULT_PORT = 6379;
  private static final String GRAMMAR = "expected redis://[user:password@]host[:port][/db] or rediss://... for TLS";

  /** Redacted: the password (and the user) never reach a log line through this record. */
  @Override
  public String toString() {
    return redacted();
  }

  /** {@code redis://host:port[/db]}, without user info: fit for logs. */
  String redacted() {
    return (tls ? "rediss://" : "redis://") + hostAndPort(host, port) + (database > 0 ? "/" + database : "");
  }

  /**
   * @throws IllegalArgumentException naming what is wrong, with the user info replaced by {@code ***}
   */
  static RedisUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("Redis URL is missing; " + GRAMMAR);
    }
    String text = url.trim();
    int schemeEnd = text.indexOf("://");
    if (schemeEnd < 0) {
      throw bad(text, GRAMMAR);
    }
    String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    boolean tls;
    if (scheme.equals("redis")) {
      tls = false;
    } else if (scheme.equals("rediss")) {
      tls = true;
    } else {
      throw bad(text, "the scheme must be redis or rediss (TLS), was '" + scheme + "'");
    }
    String rest = text.substring(schemeEnd + 3);
    int at = rest.lastIndexOf('@');
    String user = null;
    String password = null;
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        throw bad(text, "the user info needs a colon: redis://user:password@host, or redis://:password@host for a "
            + "password alone");
      }
      user = decode(text, userInfo.substring(0, colon));
      password = decode(text, userInfo.substring(colon + 1));
      if (user.isEmpty()) {
        user = null;
        if (password.isEmpty()) {
          password = null;
        }
      }
      rest = rest.substring(at + 1);
    }
    int pathStart = firstIndexOf(rest, "/?#");
    String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
    String path = pathStart < 0 ? "" : rest.substring(pathStart);
    HostAndPort node = parseHostAndPort(authority, () -> redact(text));
    int database = 0;
    if (path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
      throw bad(text, "query parameters and fragments are not supported; timeouts and pool size have settings "
          + "of their own");
    }
    if (path.length() > 1) {
      database = parseNumber(path.substring(1), 0, Integer.MAX_VALUE, "database index", () -> redact(text));
    }
    return new RedisUrl(tls, user, password, node.getHost(), node.getPort(), database);
  }

  /**
   * Parses {@code host[:port]}, {@code [ipv6][:port]}; the port defaults to 6379.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static HostAndPort parseNode(String node) {
    if (node == null || node.isBlank()) {
      throw new IllegalArgumentException("a Redis Cluster node is empty; expected host:port");
    }
    String text = node.trim();
    return parseHostAndPort(text, () -> Secrets.masked(text));
  }

  /** {@code host:port}, with brackets around an IPv6 address. */
  static String hostAndPort(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  private static HostAndPort parseHostAndPort(String authority, Supplier<String> shown) {
    String host;
    String portText = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw bad(shown.get(), "unclosed '[' around an IPv6 address");
      }
      host = authority.substring(1, close);
      String after = authority.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw bad(shown.get(), "expected ':port' after the IPv6 address");
        }
        portText = after.substring(1);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      if (colon >= 0 && authority.indexOf(':') != colon) {
        throw bad(shown.get(), "put an IPv6 address in brackets: [::1]:6379");
      }
      host = colon < 0 ? authority : authority.substring(0, colon);
      portText = colon < 0 ? null : authority.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw bad(shown.get(), "the host is missing");
    }
    int port = portText == null ? DEFAULT_PORT : parseNumber(portText, 1, 65535, "port", shown);
    return new HostAndPort(host, port);
  }

  private static int parseNumber(String digits, int min, int max, String what,
      Supplier<String> shown) {
    try {
      int value = Integer.parseInt(digits);
      if (value >= min && value <= max && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    // Only digits are echoed: anything else may be a password typed where the port should be.
    boolean number = !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    throw bad(shown.get(), "the " + what + " must be a whole number from " + min + " to " + max
        + (number ? ", was " + digits : ", was not a number"));
  }

  private static String decode(String url, String escaped) {
    try {
      // URLDecoder is for forms, where '+' means a space; in a URL's user info it is just '+'.
      return URLDecoder.decode(escaped.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw bad(url, "the user info has a malformed %-escape");
    }
  }

  private static int firstIndexOf(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static IllegalArgumentException bad(String url, String why) {
    return new IllegalArgumentException("bad Redis URL '" + redact(url) + "': " + why);
  }

  /** The URL with its user info, if any, replaced by {@code ***}, even when the URL is malformed. */
  static String redact(String url) {
    return Secrets.masked(url);
  }
}
