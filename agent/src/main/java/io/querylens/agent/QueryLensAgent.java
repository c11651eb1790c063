package io.querylens.agent;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import io.querylens.agent.bridge.AgentFailures;
import io.querylens.agent.bridge.WebBridge;
import io.querylens.agent.cache.CacheSetup;
import io.querylens.agent.config.AgentConfig;
import io.querylens.agent.jdbc.JdbcInstrumentation;
import io.querylens.agent.jdbc.StatementCatalog;
import io.querylens.agent.report.ReportWriter;
import io.querylens.agent.web.ServletInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Premain-Class}: reads the configuration, starts the report writer, wires the bridge and installs the
 * instrumentations. Nothing here may stop the application from starting: any failure leaves it running without
 * QueryLens, with one message saying so.
 */
public final class QueryLensAgent {
  private static final AtomicLong TRANSFORM_ERRORS = new AtomicLong();
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

      ReportWriter writer = new ReportWriter(config.reportsDir(), config.get(AgentConfig.REPORTS_MAX_FILES),
          config.get(AgentConfig.REPORTS_QUEUE_SIZE), config.get(AgentConfig.NPLUSONE_THRESHOLD));
      writer.start();
      WebBridge.install(writer,
          new StatementCatalog(config.get(AgentConfig.SQL_CACHE_SIZE), config.get(AgentConfig.SQL_MAX_LENGTH)),
          config.get(AgentConfig.REPORTS_MAX_STATEMENTS));

      List<io.querylens.agent.Instrumentation> enabled = new ArrayList<>();
      if (config.get(AgentConfig.JDBC_ENABLED)) {
        enabled.add(new JdbcInstrumentation());
      }
      if (config.get(AgentConfig.SERVLET_ENABLED)) {
        enabled.add(new ServletInstrumentation());
      }
      if (config.get(AgentConfig.CACHE_ENABLED)) {
        io.querylens.agent.Instrumentation cache = CacheSetup.start(config, instrumentation, log::warn, log::info);
        if (cache != null) {
          enabled.add(cache);
        }
      }
      install(instrumentation, enabled, log);
      List<String> names = new ArrayList<>();
      enabled.forEach(each -> names.add(each.name()));
      log.info("QueryLens {} instruments {}; reports go to {}", version(), names, writer.directory());
    } catch (Throwable failure) {
      System.err.println("querylens: could not start; the application runs without QueryLens: " + failure);
    }
  }

  private static void install(Instrumentation instrumentation, List<io.querylens.agent.Instrumentation> enabled,
      Logger log) {
    // The builder's default initialization strategy reaches for sun.misc.Unsafe while it is constructed, which
    // Java 24+ reports with a warning on every start (AgentEndToEndIT checks there is none). Our advice needs no
    // initializer, so switch the Nexus off first. The property name is relocated with Byte Buddy: the
    // application's own Byte Buddy (Hibernate's) is not affected.
    System.setProperty(Nexus.PROPERTY, "true");
    AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        // Advice is inlined and needs no initializer: nothing is injected into any class loader.
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(new TypePoolCache())
        .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
        .ignore(nameStartsWith("java.").or(nameStartsWith("jdk.internal.")).or(nameStartsWith("sun."))
            .or(nameStartsWith("com.sun.")).or(nameStartsWith("io.querylens.agent.")).or(isSynthetic()),
            ElementMatchers.any())
        .ignore(ElementMatchers.any(), ElementMatchers.isBootstrapClassLoader())
        .with(new AgentBuilder.Listener.Adapter() {
          @Override
          public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
              Throwable throwable) {
            // Mostly classes whose hierarchy names an absent optional dependency; they are not ours to instrument.
            TRANSFORM_ERRORS.incrementAndGet();
            if (log.isDebugEnabled()) {
              log.debug("QueryLens could not inspect {}", typeName, throwable);
            }
          }
        });
    AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice()
        .include(QueryLensAgent.class.getClassLoader())
        .withExceptionHandler(net.bytebuddy.asm.Advice.ExceptionHandler.Default.SUPPRESSING);
    for (io.querylens.agent.Instrumentation each : enabled) {
      builder = each.extend(builder, advice);
    }
    builder.installOn(instrumentation);
  }

  private static String version() {
    String version = QueryLensAgent.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }

  /** Transformations that failed (classes Byte Buddy could not describe); for tests and diagnostics. */
  public static long transformErrors() {
    return TRANSFORM_ERRORS.get();
  }
}
