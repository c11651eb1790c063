package io.querylens.agent.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The agent's settings, read once at start-up and frozen.
 *
 * <p>Three sources, highest precedence first: agent arguments
 * ({@code -javaagent:querylens-agent.jar=reports.dir=/x,nplusone.threshold=3}), system properties
 * ({@code -Dquerylens.reports.dir=/x}) and environment variables ({@code QUERYLENS_REPORTS_DIR=/x}). Configuration
 * never stops the application: an unknown key or a bad value becomes a message in {@link #problems()} naming the key
 * and what it accepts, and the default is used.
 */
public final class AgentConfig {
  public static final Setting<Boolean> ENABLED = Setting.bool("enabled", true);
  public static final Setting<String> REPORTS_DIR =
      Setting.string("reports.dir", "querylens-reports", "a directory path");
  public static final Setting<Integer> REPORTS_MAX_FILES =
      Setting.integer("reports.max-files", 1000, 1, 10_000_000);
  public static final Setting<Integer> REPORTS_QUEUE_SIZE =
      Setting.integer("reports.queue-size", 1024, 1, 1_000_000);
  public static final Setting<Integer> REPORTS_MAX_STATEMENTS =
      Setting.integer("reports.max-statements", 200, 1, 100_000);
  public static final Setting<Boolean> REPORTS_DUPLICATES = Setting.bool("reports.duplicates", true);
  /** 0 is off: the viewer opens a port, so it is never on unless asked for. */
  public static final Setting<Integer> UI_PORT = Setting.integer("ui.port", 0, 0, 65_535);
  public static final Setting<String> UI_HOST = Setting.string("ui.host", "127.0.0.1",
      "the address the viewer listens on: 127.0.0.1 (only this machine), 0.0.0.0 (every interface, token required)"
          + " or a host name");
  public static final Setting<Integer> NPLUSONE_THRESHOLD =
      Setting.integer("nplusone.threshold", 5, 2, 1_000_000);
  public static final Setting<Integer> SQL_CACHE_SIZE =
      Setting.integer("sql.cache-size", 10_000, 16, 10_000_000);
  public static final Setting<Integer> SQL_MAX_LENGTH =
      Setting.integer("sql.max-length", 2048, 64, 1_000_000);
  public static final Setting<java.util.List<String>> CALLSITE_INCLUDE_PACKAGES = Setting.list(
      "callsite.include-packages", "package names, separated by ; (or , outside agent arguments)");
  public static final Setting<java.util.List<String>> CALLSITE_EXCLUDE_PACKAGES = Setting.list(
      "callsite.exclude-packages", "package names, separated by ; (or , outside agent arguments)");
  public static final Setting<Boolean> JDBC_ENABLED = Setting.bool("instrumentation.jdbc.enabled", true);
  public static final Setting<Boolean> SERVLET_ENABLED = Setting.bool("instrumentation.servlet.enabled", true);
  public static final Setting<Boolean> CACHE_ENABLED = Setting.bool("cache.enabled", true);
  public static final Setting<Boolean> JMX_ENABLED = Setting.bool("jmx.enabled", true);
  public static final Setting<String> REDIS_URL = Setting.string("redis.url", "redis://localhost:6379",
      "redis://[user:password@]host:port[/db] or rediss://... for TLS");
  public static final Setting<java.util.List<String>> REDIS_CLUSTER_NODES = Setting.list("redis.cluster-nodes",
      "host:port seeds of a Redis Cluster, separated by ; (or , outside agent arguments)");
  public static final Setting<String> REDIS_SENTINEL_MASTER = Setting.string("redis.sentinel.master", "",
      "the master name the Sentinels monitor (sentinel monitor <name> ...)");
  public static final Setting<java.util.List<String>> REDIS_SENTINEL_NODES = Setting.list("redis.sentinel.nodes",
      "host:port of the Sentinels, separated by ; (or , outside agent arguments)");
  public static final Setting<Long> REDIS_TIMEOUT = Setting.duration("redis.timeout", "250ms", 1, 60_000);
  public static final Setting<Integer> REDIS_POOL_SIZE = Setting.integer("redis.pool-size", 16, 1, 10_000);
  public static final Setting<String> CACHE_NAMESPACE = Setting.string("cache.namespace", "querylens",
      "a key prefix without spaces");
  public static final Setting<Long> CACHE_DEFAULT_TTL = Setting.duration("cache.default-ttl", "10m", 1, 365L * 86_400_000L);
  public static final Setting<Long> CACHE_LOCK_WAIT = Setting.duration("cache.lock-wait", "2s", 0, 60_000);
  public static final Setting<Integer> CACHE_MAX_KEY_LENGTH = Setting.integer("cache.max-key-length", 250, 64, 100_000);
  public static final Setting<Boolean> CACHE_INVALIDATION_ENABLED = Setting.bool("cache.invalidation.enabled", true);
  public static final Setting<java.util.List<String>> CACHE_INVALIDATION_EXCLUDE_TABLES = Setting.list(
      "cache.invalidation.exclude-tables", "table names, separated by ; (or , outside agent arguments)");
  public static final Setting<String> LOG_LEVEL =
      Setting.oneOf("log.level", "info", List.of("error", "warn", "info", "debug"));

  /** Every key, in the order README documents them. */
  public static final List<Setting<?>> ALL = List.of(ENABLED, REPORTS_DIR, REPORTS_MAX_FILES, REPORTS_QUEUE_SIZE,
      REPORTS_MAX_STATEMENTS, REPORTS_DUPLICATES, UI_PORT, UI_HOST, NPLUSONE_THRESHOLD, SQL_CACHE_SIZE, SQL_MAX_LENGTH, CALLSITE_INCLUDE_PACKAGES,
      CALLSITE_EXCLUDE_PACKAGES, JDBC_ENABLED, SERVLET_ENABLED,
      CACHE_ENABLED, REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINEL_MASTER, REDIS_SENTINEL_NODES,
      REDIS_TIMEOUT, REDIS_POOL_SIZE, CACHE_NAMESPACE,
      CACHE_DEFAULT_TTL, CACHE_LOCK_WAIT, CACHE_MAX_KEY_LENGTH, CACHE_INVALIDATION_ENABLED,
      CACHE_INVALIDATION_EXCLUDE_TABLES, LOG_LEVEL, JMX_ENABLED);

  private final Map<String, Object> values;
  private final List<String> problems;

  private AgentConfig(Map<String, Object> values, List<String> problems) {
    this.values = values;
    this.problems = problems;
  }

  /** Reads the three sources of this JVM. */
  public static AgentConfig load(String agentArgs) {
    return from(agentArgs, System.getProperties(), System.getenv());
  }

  /** Reads the given sources; public for tests, which must not depend on the JVM's own environment. */
  public static AgentConfig from(String agentArgs, Map<?, ?> systemProperties, Map<String, String> environment) {
    List<String> problems = new ArrayList<>();
    Map<String, String> arguments = parseArguments(agentArgs, problems);
    Map<String, Setting<?>> byKey = new LinkedHashMap<>();
    Map<String, Setting<?>> byEnvironmentName = new LinkedHashMap<>();
    for (Setting<?> setting : ALL) {
      byKey.put(setting.key(), setting);
      byEnvironmentName.put(setting.environmentName(), setting);
    }
    for (String key : arguments.keySet()) {
      if (!byKey.containsKey(key)) {
        problems.add("querylens: unknown agent argument '" + key + "'; known keys: " + String.join(", ", byKey.keySet()));
      }
    }
    for (Object name : systemProperties.keySet()) {
      String property = String.valueOf(name);
      if (property.startsWith("querylens.") && !byKey.containsKey(property.substring("querylens.".length()))) {
        problems.add("querylens: unknown system property '" + property + "'; known keys: "
            + String.join(", ", byKey.keySet()));
      }
    }
    for (String name : environment.keySet()) {
      if (name.startsWith("QUERYLENS_") && !byEnvironmentName.containsKey(name)) {
        problems.add("querylens: unknown environment variable '" + name + "'; known: "
            + String.join(", ", byEnvironmentName.keySet()));
      }
    }

    Map<String, Object> values = new LinkedHashMap<>();
    for (Setting<?> setting : ALL) {
      String raw = arguments.get(setting.key());
      if (raw == null) {
        Object property = systemProperties.get(setting.propertyName());
        raw = property == null ? null : property.toString();
      }
      if (raw == null) {
        raw = environment.get(setting.environmentName());
      }
      Object value = setting.defaultValue();
      if (raw != null) {
        try {
          value = setting.parse(raw);
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
      values.put(setting.key(), value);
    }
    return new AgentConfig(Collections.unmodifiableMap(values), Collections.unmodifiableList(problems));
  }

  /**
   * Agent arguments are {@code key=value} pairs separated by commas; a leading {@code querylens.} on a key is
   * accepted, so the same spelling works as a system property and as an argument. A password may contain a comma, so
   * within {@code redis.url} a comma separates only when a known key follows it: {@code redis.url=redis://:a,b@host}
   * keeps its password whole, and no piece of it is ever shown as an unknown key.
   */
  private static Map<String, String> parseArguments(String agentArgs, List<String> problems) {
    Map<String, String> arguments = new LinkedHashMap<>();
    if (agentArgs == null || agentArgs.isBlank()) {
      return arguments;
    }
    Set<String> known = new HashSet<>();
    for (Setting<?> setting : ALL) {
      known.add(setting.key());
    }
    String lastKey = null;
    for (String pair : agentArgs.split(",")) {
      int equals = pair.indexOf('=');
      String key = equals <= 0 ? null : keyOf(pair.substring(0, equals));
      if (pair.isBlank()) {
        continue;
      }
      if (REDIS_URL.key().equals(lastKey) && (key == null || !known.contains(key))) {
        arguments.put(lastKey, arguments.get(lastKey) + "," + pair.trim());
        continue;
      }
      if (key == null) {
        // A value given without its key may carry a password.
        problems.add("querylens: agent argument '" + Secrets.masked(pair.trim()) + "' is not key=value; ignored");
        continue;
      }
      arguments.put(key, pair.substring(equals + 1).trim());
      lastKey = key;
    }
    return arguments;
  }

  private static String keyOf(String text) {
    String key = text.trim().toLowerCase(Locale.ROOT);
    return key.startsWith("querylens.") ? key.substring("querylens.".length()) : key;
  }

  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    return (T) values.get(setting.key());
  }

  public Path reportsDir() {
    return Paths.get(get(REPORTS_DIR)).toAbsolutePath().normalize();
  }

  /** Messages about unknown keys and bad values, to be logged once at start-up. */
  public List<String> problems() {
    return problems;
  }
}
