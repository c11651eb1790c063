package io.querylens.agent.jmx;

import io.querylens.agent.request.CacheCall.Outcome;
import io.querylens.agent.cache.CacheHealth;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import io.querylens.agent.report.ReportWriter;
import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;

/**
 * Puts {@link QueryLensMXBean} in the platform MBean server, where JConsole, VisualVM, JMX exporters (Prometheus's
 * jmx_exporter) and application servers find it, as HikariCP does its pools. Each value is read when a tool asks: the
 * agent does no work for an MBean nobody reads. A part that is off (no reports, no cache) reads as zero and
 * {@code off}.
 */
public final class AgentMBean implements QueryLensMXBean {
  static final String NAME = "io.querylens:type=QueryLens";
  /** Some three times the time the benchmarks' larger application takes to its first answer on two cores. */
  static final long MAX_WAIT_SECONDS = 60;

  private final ReportWriter reports;
  /** Null when the cache is off; gives null until the cache has started (its first {@code @Cached} method). */
  private final Supplier<CacheHealth> cache;

  AgentMBean(ReportWriter reports, Supplier<CacheHealth> cache) {
    this.reports = reports;
    this.cache = cache;
  }

  /**
   * Registers the bean once the application is up: when the trigger this returns runs (the end of the first request),
   * or {@link #MAX_WAIT_SECONDS} after start-up if it never does (an application that serves no HTTP). Creating the
   * platform MBean server loads and introspects the JVM's own MXBeans: about half a second of CPU on the demo, which
   * at premain made its start-up 4 points dearer (benchmarks/STARTUP.md), most applications never pay (Spring Boot,
   * Tomcat and HikariCP leave JMX off by default), and no tool needs before the application answers. A failure (a
   * second agent in the JVM, a security manager) is one WARN naming the key that turns it off, and nothing else
   * changes.
   *
   * @return what says the application is up; running it more than once is harmless
   */
  public static Runnable registerOnceUp(ReportWriter reports, Supplier<CacheHealth> cache, Logger log) {
    return registerOnceUp(reports, cache, log, TimeUnit.SECONDS.toMillis(MAX_WAIT_SECONDS));
  }

  static Runnable registerOnceUp(ReportWriter reports, Supplier<CacheHealth> cache, Logger log, long maxWaitMillis) {
    CountDownLatch up = new CountDownLatch(1);
    Thread thread = new Thread(() -> {
      try {
        up.await(maxWaitMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      register(reports, cache, log);
    }, "querylens-jmx");
    thread.setDaemon(true);
    thread.start();
    return up::countDown;
  }

  static void register(ReportWriter reports, Supplier<CacheHealth> cache, Logger log) {
    try {
      ManagementFactory.getPlatformMBeanServer().registerMBean(new AgentMBean(reports, cache), new ObjectName(NAME));
    } catch (InstanceAlreadyExistsException e) {
      log.warn("querylens: the JMX MBean {} is already registered (a second QueryLens agent in this JVM?); this one "
          + "is not (key jmx.enabled)", NAME);
    } catch (JMException | RuntimeException | LinkageError e) {
      log.warn("querylens: the JMX MBean {} could not be registered: {} (key jmx.enabled); everything else works",
          NAME, e.toString());
    }
  }

  @Override
  public long getCacheHits() {
    return calls(Outcome.HIT);
  }

  @Override
  public long getCacheMisses() {
    return calls(Outcome.MISS);
  }

  @Override
  public long getCacheStale() {
    return calls(Outcome.STALE);
  }

  @Override
  public long getCacheErrors() {
    return calls(Outcome.ERROR);
  }

  @Override
  public long getCacheBypasses() {
    return calls(Outcome.BYPASS);
  }

  @Override
  public String getRedis() {
    CacheHealth health = health();
    return health == null ? "" : health.redis();
  }

  @Override
  public boolean isRedisUsable() {
    CacheHealth health = health();
    return health != null && health.redisUsable();
  }

  @Override
  public String getCircuitBreaker() {
    CacheHealth health = health();
    return cache == null ? "off" : health == null ? "not started" : health.circuitBreaker();
  }

  @Override
  public int getOwedInvalidationTables() {
    CacheHealth health = health();
    return health == null ? 0 : health.owedTables();
  }

  @Override
  public int getOwedInvalidationBumps() {
    CacheHealth health = health();
    return health == null ? 0 : health.owedBumps();
  }

  @Override
  public long getReportsWritten() {
    return reports == null ? 0 : reports.written();
  }

  @Override
  public long getReportsDropped() {
    return reports == null ? 0 : reports.lost();
  }

  private long calls(Outcome outcome) {
    CacheHealth health = health();
    return health == null ? 0 : health.calls(outcome);
  }

  private CacheHealth health() {
    return cache == null ? null : cache.get();
  }
}
