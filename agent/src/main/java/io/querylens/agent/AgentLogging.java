package io.querylens.agent;

/**
 * Sets up the agent's own, relocated slf4j-simple before its first logger exists. The property names below are
 * rewritten with the rest of SLF4J when the jar is shaded, so they configure only QueryLens's copy and never the
 * application's logging.
 */
final class AgentLogging {
  private static final String PREFIX = "org.slf4j.simpleLogger.";

  private AgentLogging() {}

  static void configure(String level) {
    setIfAbsent(PREFIX + "defaultLogLevel", level);
    setIfAbsent(PREFIX + "showThreadName", "false");
    setIfAbsent(PREFIX + "showDateTime", "true");
    setIfAbsent(PREFIX + "dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    setIfAbsent(PREFIX + "logFile", "System.err");
    if (!level.equals("debug")) {
      // Jedis logs each lost Sentinel connection every few seconds, with a stack trace; what matters of it is said
      // once by the agent's own lines (Redis unusable, back, restarted or failed over).
      setIfAbsent(PREFIX + "log." + jedisPackage(), "off");
    }
  }

  /**
   * Jedis's package as it is named in this jar: the shade plugin relocates this string with the classes, and the
   * build's own tests see it unshaded. A string, not a class's name, so that logging set-up loads no Jedis class.
   */
  private static String jedisPackage() {
    return "redis.clients.jedis";
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
