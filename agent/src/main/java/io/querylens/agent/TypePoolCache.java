package io.querylens.agent;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * Keeps Byte Buddy's parsed class files per class loader, so that matching a class's hierarchy ("does it implement
 * {@code java.sql.Statement}?") does not parse its superclasses and interfaces again for every class that shares
 * them. Without it, start-up pays for reading {@code Object}, {@code Serializable} or a framework's base classes
 * thousands of times.
 *
 * <p>Class loaders are held weakly, so a web application that is undeployed takes its cache with it. Each cache
 * holds descriptions of the types matching has looked at: bounded by the application's classes, and it is what
 * Byte Buddy would otherwise rebuild on every class load.
 */
final class TypePoolCache extends AgentBuilder.PoolStrategy.WithTypePoolCache {
  /** Stands for the bootstrap loader, which is null and cannot be a map key of a weak map. */
  private static final ClassLoader BOOTSTRAP = new ClassLoader(null) {};

  private final Map<ClassLoader, TypePool.CacheProvider> caches = new WeakHashMap<>();

  TypePoolCache() {
    super(TypePool.Default.ReaderMode.FAST);
  }

  @Override
  protected synchronized TypePool.CacheProvider locate(ClassLoader classLoader) {
    return caches.computeIfAbsent(classLoader == null ? BOOTSTRAP : classLoader,
        loader -> new TypePool.CacheProvider.Simple());
  }
}
