package io.querylens.agent.cache.store;

import java.util.Locale;

/**
 * What the start-up check learnt from {@code INFO server}: enough for an operator to see that the agent reached the
 * Redis they meant.
 *
 * @param version {@code redis_version}, or "unknown version" if the server did not say
 * @param mode {@code redis_mode}: standalone, cluster or sentinel
 * @param primaries masters of a cluster as the client discovered them, 0 for one server
 */
public record ServerInfo(String version, String mode, int primaries) {
  /** Reads the fields out of an {@code INFO server} reply. */
  static ServerInfo parse(String info, int primaries) {
    return new ServerInfo(field(info, "redis_version", "unknown version"), field(info, "redis_mode", "standalone"),
        primaries);
  }

  /** This server as the master that the Sentinels named {@code master} point to, at {@code address}. */
  ServerInfo viaSentinel(String master, String address) {
    return new ServerInfo(version, "master '" + master + "' at " + address + " via Sentinel", 0);
  }

  private static String field(String info, String name, String fallback) {
    if (info != null) {
      for (String line : info.split("\r?\n")) {
        if (line.startsWith(name + ":")) {
          return line.substring(name.length() + 1).trim();
        }
      }
    }
    return fallback;
  }

  @Override
  public String toString() {
    String shape = primaries > 0 ? mode + ", " + primaries + " master" + (primaries == 1 ? "" : "s") : mode;
    return String.format(Locale.ROOT, "Redis %s, %s", version, shape);
  }
}
