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
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
