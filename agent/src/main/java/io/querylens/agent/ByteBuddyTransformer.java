package io.querylens.agent;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import io.querylens.agent.instrumentation.InstrumentationModule;
import java.lang.instrument.ClassFileTransformer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;
import org.slf4j.Logger;

/**
 * Byte Buddy's transformer for the instrumentations that need it (the cache). A class of its own so that an agent
 * that needs none loads none of Byte Buddy's classes: not even the few that verifying a method which names them
 * would load.
 */
final class ByteBuddyTransformer {
  private static final AtomicLong TRANSFORM_ERRORS = new AtomicLong();

  private ByteBuddyTransformer() {}

  static ClassFileTransformer build(List<InstrumentationModule> enabled, Logger log) {
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
            .or(nameStartsWith("com.sun.")).or(nameStartsWith(PrefilteringTransformer.AGENT_PACKAGE))
            .or(isSynthetic()), ElementMatchers.any())
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
    for (InstrumentationModule each : enabled) {
      try {
        builder = each.extend(builder, advice);
      } catch (Throwable failure) {
        log.warn("querylens: {} is off: it could not be installed: {}", each.name(), failure.toString());
      }
    }
    return builder.makeRaw();
  }

  static long errors() {
    return TRANSFORM_ERRORS.get();
  }
}
