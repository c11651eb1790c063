package io.querylens.agent;

import io.querylens.agent.bridge.AgentFailures;
import io.querylens.agent.bridge.WebBridge;
import io.querylens.agent.request.RequestScope;
import io.querylens.agent.cache.CacheInstrumentation;
import io.querylens.agent.cache.CacheSetup;
import io.querylens.agent.config.AgentConfig;
import io.querylens.agent.instrumentation.InstrumentationModule;
import io.querylens.agent.jdbc.JdbcInstrumentation;
import io.querylens.agent.jdbc.CallSites;
import io.querylens.agent.jdbc.StatementCatalog;
import io.querylens.agent.jmx.AgentMBean;
import io.querylens.agent.report.ReportWriter;
import io.querylens.agent.web.ServletInstrumentation;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Premain-Class}: reads the configuration, starts the report writer, wires the bridge and installs the
 * instrumentations. Nothing here may stop the application from starting, and no component's failure takes another
 * down: each is said in one line and the rest carries on.
 */
public final class QueryLensAgent {
  private static boolean started;

  private QueryLensAgent() {}

  public static void premain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation);
  }

  static synchronized void start(String arguments, Instrumentation instrumentation) {
    if (started) {
      return;
    }
    started = true;
    try {
      AgentConfig config = AgentConfig.load(arguments);
      AgentLogging.configure(config.get(AgentConfig.LOG_LEVEL));
      Logger log = LoggerFactory.getLogger("querylens");
      AgentFailures.logTo((place, failure) ->
          log.warn("QueryLens failed in {} and carries on without it for that call (logged once)", place, failure));
      config.problems().forEach(log::warn);
      if (!config.get(AgentConfig.ENABLED)) {
        log.info("QueryLens is disabled (enabled=false); nothing is instrumented");
        return;
      }
      startComponents(config, instrumentation, log);
    } catch (Throwable failure) {
      System.err.println("querylens: could not start; the application runs without QueryLens: " + failure);
    }
  }

  /**
   * Reports, JDBC counting, the cache and invalidation start or fail on their own, each failure said in one line
   * naming its key: a JVM whose reports directory is unusable must still invalidate the other JVMs' entries when it
   * writes, and one whose Redis settings are wrong must still write reports.
   */
  private static void startComponents(AgentConfig config, Instrumentation instrumentation, Logger log) {
    ReportWriter writer = startReports(config, log);
    List<InstrumentationModule> enabled = new ArrayList<>();
    if (config.get(AgentConfig.JDBC_ENABLED)) {
      try {
        enabled.add(new JdbcInstrumentation(config.get(AgentConfig.CALLSITE_INCLUDE_PACKAGES),
            config.get(AgentConfig.CALLSITE_EXCLUDE_PACKAGES), config.get(AgentConfig.REPORTS_DUPLICATES)));
      } catch (Throwable failure) {
        log.warn("querylens: JDBC counting is off (key instrumentation.jdbc.enabled): it could not start: {}; "
            + "without it reports count no queries and writes invalidate nothing", failure.toString());
      }
    }
    // Requests exist only to be reported: without a writer, the servlet calls would only cost.
    if (config.get(AgentConfig.SERVLET_ENABLED) && writer != null) {
      enabled.add(new ServletInstrumentation());
    }
    CacheInstrumentation cache = null;
    if (config.get(AgentConfig.CACHE_ENABLED)) {
      try {
        cache = CacheSetup.start(config, log);
      } catch (Throwable failure) {
        log.warn("querylens: the cache is off (key cache.enabled): it could not start: {}; @Cached methods run "
            + "uncached", failure.toString());
      }
      if (cache != null) {
        enabled.add(cache);
      }
    }
    Runnable mbeanOnceUp = () -> {};
    if (config.get(AgentConfig.JMX_ENABLED)) {
      mbeanOnceUp = AgentMBean.registerOnceUp(writer, cache == null ? null : cache.health(), log);
    }
    if (writer != null) {
      StatementCatalog statements =
          new StatementCatalog(config.get(AgentConfig.SQL_CACHE_SIZE), config.get(AgentConfig.SQL_MAX_LENGTH));
      WebBridge.install(untilFirstRequest(cache, mbeanOnceUp, writer), statements::fingerprint, CallSites::capture,
          config.get(AgentConfig.REPORTS_MAX_STATEMENTS), config.get(AgentConfig.REPORTS_DUPLICATES));
    }
    if (config.get(AgentConfig.UI_PORT) > 0) {
      Viewer.startInBackground(config, writer, log);
    }
    List<String> names = install(instrumentation, enabled, log);
    log.info("QueryLens {} instruments {}; {}", version(), names,
        writer == null ? "no reports are written (reports.dir unusable, see above)"
            : "reports go to " + writer.directory());
  }

  /** The report writer, started; or null, said in one line, if {@code reports.dir} cannot be used. */
  private static ReportWriter startReports(AgentConfig config, Logger log) {
    Path directory = null;
    try {
      directory = config.reportsDir();
      ReportWriter writer = new ReportWriter(directory, config.get(AgentConfig.REPORTS_MAX_FILES),
          config.get(AgentConfig.REPORTS_QUEUE_SIZE), config.get(AgentConfig.NPLUSONE_THRESHOLD), log::warn,
          log::info);
      writer.start();
      return writer;
    } catch (Throwable failure) {
      log.warn("querylens: reports are off: reports.dir '{}' cannot be used: {}; JDBC counting, the cache and "
          + "invalidation carry on", directory == null ? config.get(AgentConfig.REPORTS_DIR) : directory,
          ReportsDirectory.whyUnusable(failure));
      return null;
    }
  }

  /**
   * The report writer, which at the end of the first request also says how many {@code @Cached} methods were found
   * and lets the MBean be registered: by then the application is up and has loaded most of its classes.
   */
  private static Consumer<RequestScope> untilFirstRequest(CacheInstrumentation cache, Runnable mbeanOnceUp,
      ReportWriter writer) {
    AtomicBoolean first = new AtomicBoolean(true);
    return scope -> {
      if (first.get() && first.compareAndSet(true, false)) {
        if (cache != null) {
          cache.summarizeOnce();
        }
        mbeanOnceUp.run();
      }
      writer.accept(scope);
    };
  }

  /**
   * Registers the prefilter, with the instrumentations it weaves (see {@link PrefilteringTransformer}).
   *
   * @return the names of the instrumentations installed
   */
  private static List<String> install(Instrumentation instrumentation, List<InstrumentationModule> enabled,
      Logger log) {
    List<String> names = new ArrayList<>();
    Set<String> supertypes = new HashSet<>();
    Set<String> markers = new HashSet<>();
    Set<String> methods = new HashSet<>();
    for (InstrumentationModule each : enabled) {
      supertypes.addAll(each.supertypes());
      markers.addAll(each.markers());
      methods.addAll(each.methods());
      names.add(each.name());
    }
    CandidateClasses candidates = new CandidateClasses(supertypes, markers, methods);
    instrumentation.addTransformer(new PrefilteringTransformer(candidates,
        new Weaving(candidates, enabled, instrumentation, log::warn)), false);
    return names;
  }

  private static String version() {
    String version = QueryLensAgent.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }
}
