package io.querylens.agent.cache;

import io.querylens.agent.cache.codec.CacheCodec;
import io.querylens.agent.cache.store.CacheKeys;
import io.querylens.agent.config.Durations;
import io.querylens.agent.invalidation.TableVersions;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One annotated method as the agent found it in a class file ({@code @Cached} or {@code @CacheEvict}), and, resolved
 * on its first call, what the cache needs at run time: the declared generic return type, the TTL and the key prefix.
 *
 * <p>The annotation may sit on an interface the instrumented class implements (a Spring Data repository behind a
 * JDK proxy): {@link #declaringType} names where it sits, and the generic return type is read from there, since a
 * proxy's own methods carry only erased types.
 */
final class CachedMethod {
  private final String declaringType;
  private final String methodName;
  private final String descriptor;
  private final String cacheName;
  private final String ttl;
  private final boolean cacheNulls;
  private final boolean invalidateOnWrites;
  private final WeakReference<ClassLoader> loader;

  /**
   * The tables this method's entries have been seen to depend on (in this JVM), so that a hit reads their versions
   * in the same command as the entry. Grows only, up to {@value #MAX_EXPECTED_TABLES}; an entry that depends on
   * others costs a second round trip, and teaches them.
   */
  private volatile List<String> expectedTables = List.of(TableVersions.ANY);

  private volatile boolean tablesLearned;

  /** How long the method's body took the last time it ran here, or -1 before it has. */
  private volatile long lastBodyNanos = -1;

  /** Why no call can ever be served (seen in the class file's declared return type), or null. */
  private volatile String neverServable;

  /**
   * Why the last result could not be stored, and until when calls bypass the cache for it: a method that returned
   * something unstorable once usually does so every time, and each attempt would cost Redis commands for nothing.
   */
  private volatile String unstorable;
  private volatile long unstorableUntilNanos;
  private volatile boolean everUnstorable;

  /** How long calls bypass the cache after a result that could not be stored, before one tries again. */
  static final long UNSTORABLE_RETRY_NANOS = TimeUnit.MINUTES.toNanos(1);

  static final int MAX_EXPECTED_TABLES = 64;

  private volatile Resolved resolved;

  /** What is known once the method's classes are loaded. {@code problem} non-null means: run uncached. */
  record Resolved(Type returnType, long ttlMillis, String keyPrefix, String problem) {}

  CachedMethod(String declaringType, String methodName, String descriptor, String cacheName, String ttl,
      boolean cacheNulls, boolean invalidateOnWrites, ClassLoader loader) {
    this.declaringType = declaringType;
    this.methodName = methodName;
    this.descriptor = descriptor;
    this.cacheName = cacheName.isEmpty() ? simpleName(declaringType) + '.' + methodName : cacheName;
    this.ttl = ttl;
    this.cacheNulls = cacheNulls;
    this.invalidateOnWrites = invalidateOnWrites;
    this.loader = new WeakReference<>(loader);
  }

  String cacheName() {
    return cacheName;
  }

  boolean cacheNulls() {
    return cacheNulls;
  }

  /** {@code @Cached(invalidateOnWrites)}: whether a fill records the tables the body read. */
  boolean invalidateOnWrites() {
    return invalidateOnWrites;
  }

  List<String> expectedTables() {
    return expectedTables;
  }

  /**
   * Whether a fill of this method has recorded its tables in this JVM: then the versions a miss needs are those a
   * lookup reads anyway, and the miss needs no script of its own.
   */
  boolean tablesLearned() {
    return tablesLearned;
  }

  /** Adds {@code tables} to the expected ones; races between threads may lose a table, which only costs a trip. */
  void expect(Collection<String> tables) {
    tablesLearned = true;
    List<String> current = expectedTables;
    if (current.containsAll(tables) || current.size() >= MAX_EXPECTED_TABLES) {
      return;
    }
    Set<String> union = new LinkedHashSet<>(current);
    union.addAll(tables);
    expectedTables = List.copyOf(union.size() > MAX_EXPECTED_TABLES
        ? new ArrayList<>(union).subList(0, MAX_EXPECTED_TABLES) : union);
  }

  long lastBodyNanos() {
    return lastBodyNanos;
  }

  String neverServable() {
    return neverServable;
  }

  void neverServable(String reason) {
    neverServable = reason;
  }

  /** Remembers that a result could not be stored: calls bypass for a while, and the method never takes a lock. */
  void resultUnstorable(String reason) {
    unstorable = reason;
    unstorableUntilNanos = System.nanoTime() + UNSTORABLE_RETRY_NANOS;
    everUnstorable = true;
  }

  /** Why the last result could not be stored, while calls still bypass for it; otherwise null. */
  String unstorableNow() {
    String reason = unstorable;
    return reason != null && System.nanoTime() - unstorableUntilNanos < 0 ? reason : null;
  }

  /**
   * Whether a result of this method could not be stored at some point: then no caller, here or in another JVM, may
   * be made to wait on a lock for an entry that may never be written.
   */
  boolean everUnstorable() {
    return everUnstorable;
  }

  void bodyTook(long nanos) {
    lastBodyNanos = nanos;
  }

  /** The annotated method itself, whichever classes implement it: {@code com.x.RecipeRepository#findAll()Ljava/util/List;}. */
  String identity() {
    return declaringType + '#' + methodName + descriptor;
  }

  /** {@code RecipeRepository.findAllCached}, for reports. */
  String displayName() {
    return simpleName(declaringType) + '.' + methodName;
  }

  /** The parameter part of the descriptor: which evictions by argument apply to this method. */
  String parameterDescriptor() {
    return descriptor.substring(0, descriptor.indexOf(')') + 1);
  }

  Resolved resolve(Class<?> instrumented, CacheCodec codec, CacheSettings settings) {
    Resolved current = resolved;
    if (current == null) {
      current = doResolve(instrumented, codec, settings);
      resolved = current;
    }
    return current;
  }

  private Resolved doResolve(Class<?> instrumented, CacheCodec codec, CacheSettings settings) {
    long ttlMillis = settings.defaultTtlMillis();
    if (!ttl.isEmpty()) {
      try {
        ttlMillis = Durations.parseMillis(ttl);
      } catch (IllegalArgumentException e) {
        settings.warnOnce("ttl of " + displayName(), "@Cached(ttl = \"" + ttl + "\") on " + displayName()
            + " is not " + Durations.ACCEPTED + "; using cache.default-ttl");
      }
    }
    Method method;
    try {
      ClassLoader classLoader = instrumented != null ? instrumented.getClassLoader() : loader.get();
      method = findMethod(Class.forName(declaringType, false, classLoader));
    } catch (ClassNotFoundException | LinkageError e) {
      return new Resolved(null, ttlMillis, null, "cannot load " + declaringType + ": " + e);
    }
    if (method == null) {
      return new Resolved(null, ttlMillis, null, "cannot find " + displayName() + descriptor);
    }
    // A type variable, Object or a wildcard was reported as the class loaded (DeclaredReturnType), and such a method
    // never gets here; what else the codec cannot decode into is found now, before the first Redis command.
    Type returnType = method.getGenericReturnType();
    String uncacheable = codec.problemOf(returnType);
    if (uncacheable != null) {
      return new Resolved(null, ttlMillis, null, "its return type " + returnType.getTypeName()
          + " cannot be cached: " + uncacheable);
    }
    String shape = codec.shapeOf(returnType);
    String prefix = CacheKeys.methodPrefix(settings.namespace(), cacheName, displayName(), descriptor, shape);
    return new Resolved(returnType, ttlMillis, prefix, null);
  }

  private Method findMethod(Class<?> type) {
    for (Method candidate : type.getDeclaredMethods()) {
      if (candidate.getName().equals(methodName) && descriptor.equals(descriptorOf(candidate))) {
        return candidate;
      }
    }
    return null;
  }

  static String descriptorOf(Method method) {
    StringBuilder descriptor = new StringBuilder("(");
    for (Class<?> parameter : method.getParameterTypes()) {
      descriptor.append(parameter.descriptorString());
    }
    return descriptor.append(')').append(method.getReturnType().descriptorString()).toString();
  }

  private static String simpleName(String typeName) {
    String simple = typeName.substring(typeName.lastIndexOf('.') + 1);
    return simple.substring(simple.lastIndexOf('$') + 1);
  }
}
