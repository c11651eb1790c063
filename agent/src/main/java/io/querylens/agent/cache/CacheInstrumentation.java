package io.querylens.agent.cache;

import io.querylens.agent.instrumentation.InstrumentationModule;
import io.querylens.agent.bridge.CacheBridge;
import io.querylens.agent.request.CacheCall;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationValue;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * {@code @Cached} and {@code @CacheEvict}, wherever they apply: methods of classes, and implementations of annotated
 * interface methods, JDK proxies included. Matching reads annotations from class files; see
 * {@link AnnotatedMethods} for why it stays cheap.
 */
public final class CacheInstrumentation implements InstrumentationModule {
  private static final String CACHED_ADVICE = "io.querylens.agent.cache.CacheAdvice$Cached";
  private static final String EVICT_ADVICE = "io.querylens.agent.cache.CacheAdvice$Evict";

  private final java.lang.instrument.Instrumentation jvm;
  private final MethodRegistry registry;
  private final String redis;
  private final boolean checkedNow;
  private final java.util.function.Supplier<CacheHealth> health;

  CacheInstrumentation(java.lang.instrument.Instrumentation jvm, MethodRegistry registry, String redis,
      boolean checkedNow, java.util.function.Supplier<CacheHealth> health) {
    this.health = health;
    this.jvm = jvm;
    this.registry = registry;
    this.redis = redis;
    this.checkedNow = checkedNow;
  }

  /** Says, truthfully at start-up, when Redis is first reached: a line of its own follows with the verdict. */
  @Override
  public String name() {
    return "cache (" + redis + (checkedNow || registry.anyCached() ? ", checked in the background"
        : ", checked in the background once a @Cached method is found") + "; "
        + (registry.anyCached() ? "@Cached methods found" : "no @Cached method found yet") + ")";
  }

  /** Classes hold {@code @Cached} methods, or implement interfaces that do, in any hierarchy. */
  @Override
  public java.util.Set<String> supertypes() {
    return java.util.Set.of();
  }

  /** Any class file naming the annotations, which an annotated class or interface holds in its constant pool. */
  @Override
  public java.util.Set<String> markers() {
    return java.util.Set.of(AnnotatedMethods.DESCRIPTOR_PREFIX_TEXT);
  }

  /** The cache's counts and its Redis's state, for monitoring; null until the cache has started. */
  public java.util.function.Supplier<CacheHealth> health() {
    return health;
  }

  /** Logs how many annotated methods were found, once; for when the application serves its first request. */
  public void summarizeOnce() {
    registry.summarizeOnce();
  }

  /** Its advice skips the method's body on a hit and replaces what it returns, JDK proxies included. */
  @Override
  public boolean usesByteBuddy() {
    return true;
  }

  @Override
  public AgentBuilder extend(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice) {
    ElementMatcher<MethodDescription> cached = method -> !method.getReturnType().represents(void.class)
        && AnnotatedMethods.find(method, AnnotatedMethods.CACHED) != null;
    ElementMatcher<MethodDescription> evicting =
        method -> AnnotatedMethods.find(method, AnnotatedMethods.EVICT) != null;
    return builder
        .type((type, loader, module, redefined, domain) -> hasAny(type, loader))
        .transform((type, description, loader, module, domain) -> {
          register(description, loader);
          return type;
        })
        .transform(advice.advice(cached, CACHED_ADVICE).advice(evicting, EVICT_ADVICE))
        // A JDK proxy lives in a dynamic module that does not read the agent's unnamed module; advice inlined
        // there must be able to call the bridge.
        .assureReadEdgeTo(jvm, CacheBridge.class, CacheCall.class);
  }

  /** The type matcher: a class whose own or interfaces' methods are annotated. Never throws. */
  private static boolean hasAny(TypeDescription type, ClassLoader loader) {
    try {
      return AnnotatedMethods.hasAny(type, loader);
    } catch (RuntimeException unresolvable) {
      return false; // a hierarchy naming an absent optional dependency: nothing of ours to find there
    }
  }

  private void register(TypeDescription type, ClassLoader loader) {
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      String key = type.getName() + '.' + method.getInternalName() + method.getDescriptor();
      AnnotatedMethods.Found cached = AnnotatedMethods.find(method, AnnotatedMethods.CACHED);
      if (cached != null && !method.getReturnType().represents(void.class)) {
        AnnotationDescription annotation = cached.annotation();
        CachedMethod found = new CachedMethod(cached.declaringType().getName(), method.getName(),
            method.getDescriptor(), value(annotation, "name", String.class, ""),
            value(annotation, "ttl", String.class, ""), value(annotation, "cacheNulls", Boolean.class, false),
            value(annotation, "invalidateOnWrites", Boolean.class, true), loader);
        found.neverServable(DeclaredReturnType.whyNeverServable(cached.annotated().getReturnType()));
        registry.registerCached(key, found);
      }
      AnnotatedMethods.Found evict = AnnotatedMethods.find(method, AnnotatedMethods.EVICT);
      if (evict != null) {
        String[] names = value(evict.annotation(), "value", String[].class, new String[0]);
        String descriptor = method.getDescriptor();
        registry.registerEvict(key, new MethodRegistry.EvictMethod(new ArrayList<>(Arrays.asList(names)),
            value(evict.annotation(), "allEntries", Boolean.class, true),
            descriptor.substring(0, descriptor.indexOf(')') + 1)));
      }
    }
  }

  private static <T> T value(AnnotationDescription annotation, String property, Class<T> type, T fallback) {
    try {
      AnnotationValue<?, ?> value = annotation.getValue(property);
      return value == null ? fallback : value.resolve(type);
    } catch (RuntimeException unreadable) {
      return fallback;
    }
  }

}
