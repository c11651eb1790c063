package io.querylens.agent.cache;

import io.querylens.agent.instrumentation.InstrumentationModule;
import io.querylens.agent.instrumentation.MethodHook;
import io.querylens.agent.instrumentation.MethodHook.Call;
import io.querylens.agent.instrumentation.MethodHook.Shortcut;
import io.querylens.agent.instrumentation.MethodHook.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code @Cached} and {@code @CacheEvict}, wherever they apply: methods of classes, and implementations of annotated
 * interface methods, JDK proxies included. Matching reads annotations from class files; see
 * {@link AnnotatedMethods} for why it stays cheap. A {@code @Cached} method gets a lookup at its start, which on a hit
 * returns the cached value and skips the body, and a completion at its end; a {@code @CacheEvict} method an eviction
 * at its end, if it returns normally.
 */
public final class CacheInstrumentation implements InstrumentationModule {
  private static final String BRIDGE = "io/querylens/agent/bridge/CacheBridge";
  private static final String CALL = "Lio/querylens/agent/request/CacheCall;";
  private static final Call LOOKUP = new Call(BRIDGE, "lookup",
      "(Ljava/lang/String;Ljava/lang/Class;[Ljava/lang/Object;)" + CALL, Value.METHOD, Value.TYPE, Value.ARGUMENTS);
  private static final Shortcut HIT = new Shortcut(new Call(BRIDGE, "isHit", "(" + CALL + ")Z", Value.ENTER),
      new Call(BRIDGE, "hitValue", "(" + CALL + ")Ljava/lang/Object;", Value.ENTER));
  private static final Call COMPLETE = new Call(BRIDGE, "complete",
      "(" + CALL + "Ljava/lang/Object;Ljava/lang/Throwable;)V", Value.ENTER, Value.RETURNED, Value.THROWN);
  private static final Call EVICT = new Call(BRIDGE, "evict",
      "(Ljava/lang/String;Ljava/lang/Class;[Ljava/lang/Object;Ljava/lang/Throwable;)V", Value.METHOD, Value.TYPE,
      Value.ARGUMENTS, Value.THROWN);

  private final AnnotatedMethods annotated = new AnnotatedMethods();
  private final MethodRegistry registry;
  private final String redis;
  private final boolean checkedNow;
  private final java.util.function.Supplier<CacheHealth> health;

  CacheInstrumentation(MethodRegistry registry, String redis, boolean checkedNow,
      java.util.function.Supplier<CacheHealth> health) {
    this.health = health;
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

  /** The calls woven into this class's {@code @Cached} and {@code @CacheEvict} methods; empty if it has none. */
  @Override
  public List<MethodHook> hooksFor(ClassLoader loader, String className, byte[] classFile) {
    Set<String> cached = new HashSet<>();
    Set<String> evicting = new HashSet<>();
    String typeName = className.replace('/', '.');
    for (AnnotatedMethods.Method method : annotated.find(loader, classFile)) {
      String key = typeName + '.' + method.name() + method.descriptor();
      boolean returnsValue = !method.descriptor().endsWith(")V");
      if (method.cached() != null && returnsValue) {
        AnnotatedMethods.Found found = method.cached();
        CachedMethod registered = new CachedMethod(found.declaringType(), method.name(), method.descriptor(),
            found.value("name", String.class, ""), found.value("ttl", String.class, ""),
            found.value("cacheNulls", Boolean.class, false), found.value("invalidateOnWrites", Boolean.class, true),
            loader);
        registered.neverServable(DeclaredReturnType.whyNeverServable(found.signature()));
        registry.registerCached(key, registered);
        cached.add(method.name() + method.descriptor());
      }
      if (method.evict() != null) {
        String[] names = method.evict().value("value", String[].class, new String[0]);
        String descriptor = method.descriptor();
        registry.registerEvict(key, new MethodRegistry.EvictMethod(new ArrayList<>(Arrays.asList(names)),
            method.evict().value("allEntries", Boolean.class, true),
            descriptor.substring(0, descriptor.indexOf(')') + 1)));
        evicting.add(method.name() + method.descriptor());
      }
    }
    List<MethodHook> hooks = new ArrayList<>(2);
    if (!cached.isEmpty()) {
      hooks.add(new MethodHook(Set.of(), (name, descriptor) -> cached.contains(name + descriptor),
          LOOKUP, COMPLETE, true, HIT, true));
    }
    if (!evicting.isEmpty()) {
      hooks.add(new MethodHook(Set.of(), (name, descriptor) -> evicting.contains(name + descriptor),
          null, EVICT, true, null, true));
    }
    return hooks;
  }
}
