package io.querylens.demo.redis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.Environment;
import redis.embedded.RedisServer;

/**
 * Gives the QueryLens agent's {@code @Cached} a Redis when the demo runs with none configured, so that README's demo
 * command needs nothing but a JDK and Maven. {@code DemoApplication.main} registers it; Spring Boot tests, which do not
 * go through {@code main}, never start one.
 *
 * <p>It decides once, as soon as Spring's environment is ready (command line, environment, system properties and
 * {@code application.properties} are all readable then) and before any bean exists, and logs one line saying where
 * Redis is:
 * <ol>
 *   <li>{@code QUERYLENS_REDIS_URL} in the environment, or the system property {@code querylens.redis.url}: the agent
 *       uses that Redis, nothing is started;
 *   <li>{@code demo.redis.embedded=false}: nothing is started; the agent uses its default,
 *       {@code redis://localhost:6379};
 *   <li>something already listens on {@code localhost:6379}: it is taken to be a Redis, nothing is started;
 *   <li>otherwise the redis-server 6.2 binary shipped by {@code com.github.codemonstur:embedded-redis} starts on
 *       {@code 127.0.0.1:6379}, in memory only (no RDB snapshots, no AOF), and stops with the application.
 * </ol>
 *
 * <p>Why always port 6379: the agent reads {@code redis.url} once, in {@code premain}, before this code runs, and
 * its default is {@code redis://localhost:6379}; the demo has no way to point it at another port, so the embedded
 * server takes the default one. For the same reason a {@code redis.url=...} given as an agent argument is invisible
 * here: with one, set {@code demo.redis.embedded=false}.
 *
 * <p>A redis-server that cannot start (an unsupported platform, a temporary directory mounted {@code noexec}) is
 * logged as a warning and the demo runs on: the agent then finds no Redis and runs {@code @Cached} methods uncached.
 */
public final class EmbeddedRedis implements SmartApplicationListener {

  static final String ENABLED_PROPERTY = "demo.redis.embedded";
  static final String URL_VARIABLE = "QUERYLENS_REDIS_URL";
  static final String URL_PROPERTY = "querylens.redis.url";

  /** The agent's default {@code redis.url} is {@code redis://localhost:6379}; see the class comment. */
  private static final int AGENT_DEFAULT_PORT = 6379;

  private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
  private static final Logger serverOutput = LoggerFactory.getLogger("redis-server");

  private final UnaryOperator<String> environmentVariables;
  private final UnaryOperator<String> systemProperties;
  private final int port;
  private RedisServer server;

  public EmbeddedRedis() {
    this(System::getenv, System::getProperty, AGENT_DEFAULT_PORT);
  }

  /** For tests: another port (never 6379 in a build) and stand-ins for the process's environment. */
  EmbeddedRedis(UnaryOperator<String> environmentVariables, UnaryOperator<String> systemProperties, int port) {
    this.environmentVariables = environmentVariables;
    this.systemProperties = systemProperties;
    this.port = port;
  }

  @Override
  public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
    return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
        || ApplicationPreparedEvent.class.isAssignableFrom(eventType)
        || ApplicationFailedEvent.class.isAssignableFrom(eventType);
  }

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
      start(prepared.getEnvironment());
    } else if (event instanceof ApplicationPreparedEvent contextReady && server != null
        && contextReady.getApplicationContext().getBeanFactory() instanceof DefaultSingletonBeanRegistry beans) {
      // Registered before any bean, so destroyed after all of them when the context closes: the web server has
      // stopped and in-flight requests have finished (graceful shutdown) before Redis goes away. (Were the bean
      // factory another kind, embedded-redis's own JVM shutdown hook would still stop the server.)
      beans.registerDisposableBean("embeddedRedis", (DisposableBean) this::stop);
    } else if (event instanceof ApplicationFailedEvent) {
      stop();
    }
  }

  /** What {@link #start} will do, and the line it logs. */
  record Plan(boolean startServer, String message) {}

  Plan plan(Environment environment) {
    String configured = environmentVariables.apply(URL_VARIABLE);
    String source = URL_VARIABLE;
    if (configured == null || configured.isBlank()) {
      configured = systemProperties.apply(URL_PROPERTY);
      source = "-D" + URL_PROPERTY;
    }
    if (configured != null && !configured.isBlank()) {
      return new Plan(false, "Redis for @Cached: " + withoutPassword(configured) + " (from " + source
          + "); no embedded Redis started");
    }
    if (!environment.getProperty(ENABLED_PROPERTY, Boolean.class, true)) {
      return new Plan(false, "Redis for @Cached: the agent's default, redis://localhost:" + port
          + "; no embedded Redis started (" + ENABLED_PROPERTY + "=false)");
    }
    if (listening("localhost", port)) {
      return new Plan(false, "Redis for @Cached: localhost:" + port
          + ", which was already listening; no embedded Redis started");
    }
    return new Plan(true, "Redis for @Cached: embedded redis-server on 127.0.0.1:" + port
        + ", in memory, stopped with the demo (" + ENABLED_PROPERTY + "=false to use none)");
  }

  /** Starts the embedded server if {@link #plan} says so; logs where Redis is either way. */
  synchronized void start(Environment environment) {
    Plan plan = plan(environment);
    if (!plan.startServer()) {
      log.info(plan.message());
      return;
    }
    try {
      RedisServer starting = RedisServer.newRedisServer()
          .bind("127.0.0.1")
          .port(port)
          .setting("save \"\"")
          .setting("appendonly no")
          .soutListener(serverOutput::debug)
          .serrListener(serverOutput::warn)
          .build();
      starting.start();
      server = starting;
      log.info(plan.message());
    } catch (IOException | RuntimeException e) {
      log.warn("Could not start the embedded Redis on 127.0.0.1:{} ({}); @Cached methods run uncached until a Redis"
          + " answers there (or set {})", port, e.getMessage(), URL_VARIABLE);
    }
  }

  /** Stops the embedded server, if this instance started one; safe to call more than once. */
  synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.stop();
      log.info("Stopped the embedded Redis on 127.0.0.1:{}", port);
    } catch (IOException e) {
      log.warn("Could not stop the embedded Redis on 127.0.0.1:{}: {}", port, e.getMessage());
    } finally {
      server = null;
    }
  }

  /** Whether this instance has a running embedded server. */
  synchronized boolean running() {
    return server != null && server.isActive();
  }

  static boolean listening(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 250);
      return true;
    } catch (IOException nothingThere) {
      return false;
    }
  }

  /**
   * {@code redis://user:secret@host:6379} becomes {@code redis://***@host:6379}, for the log. Everything before the
   * last {@code @} back to the {@code //} (or the start) is masked, so that a mistyped {@code redis//:secret@host} or a
   * password with an unescaped {@code /} or {@code @} is hidden too: those are the URLs a regular expression for the
   * well-formed ones lets through.
   */
  static String withoutPassword(String url) {
    int at = url.lastIndexOf('@');
    if (at < 0) {
      return url;
    }
    int slashes = url.substring(0, at).indexOf("//");
    int start = slashes >= 0 ? slashes + 2 : 0;
    return url.substring(0, start) + "***" + url.substring(at);
  }
}
