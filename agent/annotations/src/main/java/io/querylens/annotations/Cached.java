package io.querylens.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Serve this method's result from Redis when the QueryLens agent is attached.
 *
 * <p>The first call with a given set of arguments runs the method and stores its result, serialized as JSON; later
 * calls with equal arguments return the stored result without running the method, until the entry expires or is
 * evicted. Without the agent this annotation does nothing.
 *
 * <p>It may be placed on a method of a class (also when the call comes from the same object, unlike proxy-based
 * caching), or on an interface method: then every implementation is cached, including JDK dynamic proxies such as
 * Spring Data JPA repositories.
 *
 * <p>The result is decoded into the method's declared generic return type ({@code List<RecipeDto>},
 * {@code Optional<Recipe>}, records, arrays, maps); class names are never read from the stored data.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Cached {
  /**
   * The cache's name, shared by the methods whose entries {@link CacheEvict} should clear together. Defaults to
   * {@code SimpleClassName.methodName} of the class or interface that declares the annotated method.
   */
  String name() default "";

  /**
   * How long an entry lives: a whole number followed by {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}
   * ({@code "90s"}, {@code "15m"}, {@code "1h"}). Empty means the agent's {@code cache.default-ttl}. A malformed value
   * is reported once, naming the method, and the default is used.
   */
  String ttl() default "";

  /**
   * Whether a {@code null} result or an empty {@code Optional} is stored too. Off by default: an absent row is often
   * about to be created, and caching its absence would hide it until the entry expires.
   */
  boolean cacheNulls() default false;

  /**
   * Whether the agent treats an entry as stale once it sees a JDBC write, on any JVM sharing the Redis, to a table
   * the method read when it filled the entry. On by default; turn it off for a method whose result may lag behind
   * the database until its TTL (then only the TTL and {@link CacheEvict} end an entry). The agent's
   * {@code cache.invalidation.enabled=false} turns it off for every method.
   */
  boolean invalidateOnWrites() default true;
}
